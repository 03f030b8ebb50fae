package dev.tally.local.dynamodb.operations;

import dev.tally.local.dynamodb.model.ApiException;
import java.util.regex.Pattern;

/** DynamoDB's table and index name rules: 3–255 characters of [a-zA-Z0-9_.-]. */
final class TableNames {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private TableNames() {}

    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:dynamodb:[a-z0-9-]*:\\d{12}:table/([a-zA-Z0-9_.-]+)");

    /** A table name, or the name inside a table ARN (operations other than CreateTable accept both). */
    static String resolve(String nameOrArn, String field) {
        if (nameOrArn.startsWith("arn:")) {
            java.util.regex.Matcher matcher = ARN.matcher(nameOrArn);
            if (!matcher.matches()) {
                throw ApiException.validation(
                        "Invalid TableName: " + nameOrArn
                                + " is neither a table name nor a table ARN (arn:aws:dynamodb:<region>:<account>:table/<name>)");
            }
            return check(matcher.group(1), field);
        }
        return check(nameOrArn, field);
    }

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
            throw ApiException.validation(
                    "1 validation error detected: Value '" + name + "' at '" + field
                            + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return name;
    }
}
