package dev.tally.local.dynamodb.operations;

import dev.tally.local.dynamodb.model.ApiException;
import java.util.regex.Pattern;

/** DynamoDB's table and index name rules: 3–255 characters of [a-zA-Z0-9_.-]. */
final class TableNames {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

  private TableNames() {}

  static String check(String name, String field) {
    if (name.length() < 3) {
      throw ApiException.validation("1 validation error detected: Value '" + name + "' at '" + field
          + "' failed to satisfy constraint: Member must have length greater than or equal to 3");
    }
    if (name.length() > 255) {
      throw ApiException.validation("1 validation error detected: Value '" + name + "' at '" + field
          + "' failed to satisfy constraint: Member must have length less than or equal to 255");
    }
    if (!NAME.matcher(name).matches()) {
      throw ApiException.validation("1 validation error detected: Value '" + name + "' at '" + field
          + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
    return name;
  }
}
