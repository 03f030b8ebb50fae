package dev.tally.common.testing;

import dev.tally.common.aws.AwsClients;
import dev.tally.common.aws.ClientTimeouts;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What tests need to point Tally's own {@link AwsClients} at local endpoints: the region, dummy
 * static credentials (TESTS ONLY: production code always uses the default chain) and environment
 * maps that merge the endpoints of several local services.
 */
public final class LocalAws {

    /** The region every local endpoint pretends to be in. */
    public static final String REGION = "us-east-1";
    /** The account id the embedded SQS puts in queue URLs and ARNs. */
    public static final String ACCOUNT_ID = "000000000000";

    /**
     * Generous limits for local endpoints on a busy 2-core CI machine: a timed-out attempt that the
     * server still completes makes the SDK's retry see its own first write (e.g. "table already
     * exists"), which is noise, not a finding.
     */
    public static final ClientTimeouts TEST_TIMEOUTS = new ClientTimeouts(
            Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30));

    private LocalAws() {}

    /** Static dummy credentials: local endpoints accept anything, but the SDK must sign with something. */
    public static AwsCredentialsProvider dummyCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    /**
     * An environment made of {@code AWS_REGION} plus the given maps (e.g. {@code sqs.environment()},
     * {@code dynamoDb.environment()}, a function's table and queue variables).
     */
    @SafeVarargs
    public static Map<String, String> environment(Map<String, String>... parts) {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_REGION", REGION);
        for (Map<String, String> part : parts) {
            environment.putAll(part);
        }
        return Map.copyOf(environment);
    }

    /** Tally's client factory reading the given environment, with dummy credentials. */
    public static AwsClients clients(Map<String, String> environment) {
        return AwsClients.builder()
                .environment(environment::get)
                .credentials(dummyCredentials())
                .timeouts(TEST_TIMEOUTS)
                .build();
    }
}
