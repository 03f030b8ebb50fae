package dev.tally.ops.coldstart;

import dev.tally.ops.OpsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code --source logs}: the platform lines of each function's log group {@code /aws/lambda/<name>}
 * through {@code FilterLogEvents} (paginated), in text or JSON log format ({@link LogEventReader}).
 * Without {@code --function}, every {@code /aws/lambda/} group ({@code DescribeLogGroups}).
 */
final class LogsSource {

    static final String GROUP_PREFIX = "/aws/lambda/";
    /** Only the platform lines: REPORT and INIT_REPORT, or their JSON events. */
    static final String FILTER_PATTERN = "?REPORT ?INIT_REPORT ?RESTORE_REPORT ?\"platform.report\" "
            + "?\"platform.initReport\" ?\"platform.restoreReport\"";

    private static final Pattern STREAM_VERSION = Pattern.compile("\\[([^\\]]+)\\]");

    private LogsSource() {}

    static ColdStartData load(CloudWatchLogsClient logs, Selection selection) {
        List<String> groups = selection.functions().isEmpty()
                ? lambdaGroups(logs)
                : selection.functions().stream()
                        .sorted()
                        .map(function -> GROUP_PREFIX + function)
                        .toList();
        List<Invocation> invocations = new ArrayList<>();
        int unreadable = 0;
        int initReports = 0;
        int failedInits = 0;
        for (String group : groups) {
            String function = group.substring(GROUP_PREFIX.length());
            String token = null;
            do {
                FilterLogEventsResponse page;
                try {
                    page = logs.filterLogEvents(FilterLogEventsRequest.builder()
                            .logGroupName(group)
                            .startTime(selection.start().toEpochMilli())
                            .endTime(selection.end().toEpochMilli() - 1)
                            .filterPattern(FILTER_PATTERN)
                            .nextToken(token)
                            .build());
                } catch (ResourceNotFoundException missing) {
                    throw new OpsException(
                            "no log group " + group + ": name the deployed function (e.g. "
                                    + "tally-QueryFunction-AbC123, see `aws lambda list-functions`) and check --region",
                            missing);
                }
                for (FilteredLogEvent event : page.events()) {
                    LogEventReader.Event read = LogEventReader.read(
                            function, version(event.logStreamName()), event.timestamp(), event.message());
                    if (read instanceof LogEventReader.Report report) {
                        invocations.add(report.invocation());
                    } else if (read instanceof LogEventReader.InitReport init) {
                        initReports++;
                        failedInits += init.failed() ? 1 : 0;
                    } else if (read instanceof LogEventReader.Unreadable) {
                        unreadable++;
                    }
                }
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("platform log events", unreadable);
        List<String> notes = new ArrayList<>();
        notes.add("CloudWatch Logs has a REPORT for every invocation: counts and the cold ratio are complete"
                + " (X-Ray is sampled); the init breakdown needs --source xray");
        notes.add(groups.size() + " log group(s) read; " + initReports + " INIT_REPORT/initReport event(s), "
                + failedInits + " of them a failed or timed-out init (not in the numbers)");
        return new ColdStartData("logs", invocations, List.of(), counts, notes).select(selection);
    }

    private static List<String> lambdaGroups(CloudWatchLogsClient logs) {
        List<String> groups = new ArrayList<>();
        String token = null;
        do {
            DescribeLogGroupsResponse page = logs.describeLogGroups(DescribeLogGroupsRequest.builder()
                    .logGroupNamePrefix(GROUP_PREFIX)
                    .nextToken(token)
                    .build());
            page.logGroups().stream().map(LogGroup::logGroupName).forEach(groups::add);
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return groups;
    }

    /** The version in a Lambda log stream name ({@code 2026/12/04/[3]abc…}), {@code $LATEST} when absent. */
    static String version(String logStreamName) {
        Matcher matcher = STREAM_VERSION.matcher(logStreamName == null ? "" : logStreamName);
        return matcher.find() ? matcher.group(1) : Invocation.LATEST;
    }
}
