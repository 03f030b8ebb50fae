package dev.tally.api.testing;

import dev.tally.common.aws.AwsClients;
import dev.tally.common.aws.ClientTimeouts;
import dev.tally.common.testing.LocalAws;
import java.time.Duration;
import java.util.Map;

/**
 * Tally's client factory for integration tests on a shared, busy machine: the same clients as
 * production (url-connection, region, endpoint overrides), but with time limits that tolerate a
 * local server answering in seconds instead of milliseconds. A production attempt timeout of 2 s
 * made a slow but successful {@code CreateTable} be retried into "Table already exists".
 */
public final class PatientClients {

    /** One minute per call, 20 s per attempt. */
    public static final ClientTimeouts PATIENT = new ClientTimeouts(
            Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(20));

    private PatientClients() {
    }

    /** The factory reading the given environment (e.g. {@code DYNAMODB.environment()}). */
    public static AwsClients of(Map<String, String> environment) {
        return AwsClients.builder()
                .environment(environment::get)
                .credentials(LocalAws.dummyCredentials())
                .timeouts(PATIENT)
                .build();
    }
}
