package dev.tally.local.runtime.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The part of CloudWatch Logs (AWS JSON 1.1, {@code Logs_20140328.*}) that cold-start analysis
 * uses, over the log events {@link FunctionLogs} stored: {@code DescribeLogGroups} (the
 * {@code /aws/lambda/<function>} groups, by prefix) and {@code FilterLogEvents} (one group's events
 * in a time range, matching a filter pattern, paginated).
 *
 * <p>Filter patterns: none, terms that must all occur, or {@code ?term} alternatives of which one
 * must occur (terms bare or in double quotes, matched case-sensitively as substrings). JSON patterns
 * ({@code { $.x = … }}) are refused with the pattern named.
 */
final class LocalLogsApi {

    static final String GROUP_PREFIX = "/aws/lambda/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TERM = Pattern.compile("(\\?)?(?:\"([^\"]*)\"|(\\S+))");

    private final Path directory;
    private final int pageSize;

    LocalLogsApi(Path directory, int pageSize) {
        this.directory = directory;
        this.pageSize = pageSize;
    }

    ApiResponse handle(String operation, JsonNode request) {
        return switch (operation) {
            case "DescribeLogGroups" -> describeLogGroups(request);
            case "FilterLogEvents" -> filterLogEvents(request);
            default ->
                ApiResponse.error(
                        "UnknownOperationException",
                        "The local CloudWatch Logs API serves DescribeLogGroups and FilterLogEvents only, not "
                                + operation + ".");
        };
    }

    private ApiResponse describeLogGroups(JsonNode request) {
        String prefix = request.path("logGroupNamePrefix").asText("");
        int offset = Pages.offset(request.path("nextToken").asText(null));
        if (offset < 0) {
            return ApiResponse.error("InvalidParameterException", "nextToken is not a token this API returned.");
        }
        List<String> groups = groups().stream()
                .filter(group -> group.startsWith(prefix))
                .sorted()
                .toList();
        ObjectNode response = JSON.createObjectNode();
        ArrayNode out = response.putArray("logGroups");
        for (String group : Pages.page(groups, offset, pageSize)) {
            out.addObject()
                    .put("logGroupName", group)
                    .put("arn", "arn:aws:logs:local:000000000000:log-group:" + group + ":*")
                    .put("creationTime", 0)
                    .put("storedBytes", 0);
        }
        String next = Pages.next(groups, offset, pageSize);
        if (next != null) {
            response.put("nextToken", next);
        }
        return ApiResponse.ok(response);
    }

    private ApiResponse filterLogEvents(JsonNode request) {
        String group = request.path("logGroupName")
                .asText(request.path("logGroupIdentifier").asText(""));
        if (!group.startsWith(GROUP_PREFIX) || !groups().contains(group)) {
            return ApiResponse.error("ResourceNotFoundException", "The specified log group does not exist.");
        }
        String pattern = request.path("filterPattern").asText("").trim();
        if (pattern.startsWith("{") || pattern.startsWith("[")) {
            return ApiResponse.error(
                    "InvalidParameterException",
                    "The local CloudWatch Logs API matches terms and ?alternatives only, not: " + pattern);
        }
        int offset = Pages.offset(request.path("nextToken").asText(null));
        if (offset < 0) {
            return ApiResponse.error("InvalidParameterException", "nextToken is not a token this API returned.");
        }
        long start = request.path("startTime").asLong(0);
        long end = request.hasNonNull("endTime") ? request.get("endTime").asLong() : Long.MAX_VALUE;
        int size = request.hasNonNull("limit") ? Math.min(request.get("limit").asInt(), pageSize) : pageSize;
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode event : events(group)) {
            long at = event.path("timestamp").asLong();
            if (at >= start && at <= end && matches(event.path("message").asText(""), pattern)) {
                matching.add(event);
            }
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode out = response.putArray("events");
        int index = offset;
        for (JsonNode event : Pages.page(matching, offset, size)) {
            out.addObject()
                    .put("logStreamName", event.path("logStreamName").asText())
                    .put("timestamp", event.path("timestamp").asLong())
                    .put("message", event.path("message").asText())
                    .put("ingestionTime", event.path("timestamp").asLong())
                    .put("eventId", Integer.toString(index++));
        }
        response.putArray("searchedLogStreams");
        String next = Pages.next(matching, offset, size);
        if (next != null) {
            response.put("nextToken", next);
        }
        return ApiResponse.ok(response);
    }

    /** Whether {@code message} matches a term pattern: every plain term, and one of the ?terms if any. */
    static boolean matches(String message, String pattern) {
        if (pattern.isEmpty()) {
            return true;
        }
        Matcher matcher = TERM.matcher(pattern);
        boolean anyAlternative = false;
        boolean alternativeFound = false;
        while (matcher.find()) {
            String term = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            boolean found = message.contains(term);
            if (matcher.group(1) != null) {
                anyAlternative = true;
                alternativeFound |= found;
            } else if (!found) {
                return false;
            }
        }
        return !anyAlternative || alternativeFound;
    }

    private List<String> groups() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".jsonl"))
                    .map(name -> GROUP_PREFIX + name.substring(0, name.length() - ".jsonl".length()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<JsonNode> events(String group) {
        Path file = FunctionLogs.file(directory, group.substring(GROUP_PREFIX.length()));
        List<JsonNode> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException notJson) {
                    // a line cut short by a crash: not an event
                }
            }
        } catch (IOException e) {
            return events;
        }
        return events;
    }
}
