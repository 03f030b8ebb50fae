package dev.tally.ops;

import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.ConfigurationException;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The options every AWS-facing command shares: the region and an endpoint override for local use.
 * Without them the SDK's own variables apply ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_SQS},
 * {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL}); clients come from common's
 * {@link AwsClients} like every function's.
 */
public final class AwsOptions {

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: $AWS_REGION).")
    String region;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "Endpoint of every service, e.g. http://127.0.0.1:4566 for a local stack "
                    + "(default: $AWS_ENDPOINT_URL_<SERVICE>, then $AWS_ENDPOINT_URL).")
    String endpoint;

    @Option(
            names = "--sqs-endpoint",
            paramLabel = "URL",
            description =
                    "Endpoint of SQS only, when it differs from DynamoDB's (a local stack); overrides --endpoint for SQS.")
    String sqsEndpoint;

    @Option(
            names = "--dynamodb-endpoint",
            paramLabel = "URL",
            description = "Endpoint of DynamoDB and DynamoDB Streams only; overrides --endpoint for them.")
    String dynamoDbEndpoint;

    /** The client factory reading the process environment, with these options taking precedence. */
    public AwsClients clients() {
        return clients(System::getenv);
    }

    AwsClients clients(Function<String, String> environment) {
        Function<String, String> effective = name -> {
            if (name.equals("AWS_REGION") && region != null) {
                return region;
            }
            if (name.equals("AWS_ENDPOINT_URL_SQS") && sqsEndpoint != null) {
                return sqsEndpoint;
            }
            if (name.startsWith("AWS_ENDPOINT_URL_DYNAMODB") && dynamoDbEndpoint != null) {
                return dynamoDbEndpoint;
            }
            if (name.startsWith("AWS_ENDPOINT_URL") && endpoint != null) {
                return endpoint;
            }
            return environment.apply(name);
        };
        try {
            return AwsClients.builder().environment(effective).build();
        } catch (ConfigurationException invalid) {
            throw new OpsException(
                    invalid.getMessage() + " (check --region and --endpoint or their variables)", invalid);
        }
    }
}
