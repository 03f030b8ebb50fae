package dev.tally.ops.coldstart;

import dev.tally.ops.OpsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.xray.XRayClient;

/**
 * {@code --region}, {@code --profile} and {@code --endpoint-url} of {@code coldstart report}: the X-Ray
 * and CloudWatch Logs clients, with the url-connection HTTP client, timeouts, and the profile's or the
 * default credentials chain. Without {@code --region}, {@code AWS_REGION} (then {@code AWS_DEFAULT_REGION}).
 */
final class AwsAccess {

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: $AWS_REGION).")
    String region;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "Named profile of ~/.aws/config (default: the default credentials chain).")
    String profile;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "Endpoint of X-Ray or CloudWatch Logs, e.g. the local runtime's (printed at its start).")
    String endpointUrl;

    XRayClient xray() {
        return configure(XRayClient.builder()).httpClientBuilder(httpClient()).build();
    }

    CloudWatchLogsClient logs() {
        return configure(CloudWatchLogsClient.builder())
                .httpClientBuilder(httpClient())
                .build();
    }

    /** Explicit: with several HTTP clients on the class path the SDK would pick one silently. */
    private static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(20));
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(region()))
                .credentialsProvider(credentials())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(60))
                        .apiCallAttemptTimeout(Duration.ofSeconds(20))
                        .build());
        if (endpointUrl != null) {
            builder.endpointOverride(endpoint());
        }
        return builder;
    }

    private String region() {
        String chosen = region != null ? region : firstSet("AWS_REGION", "AWS_DEFAULT_REGION");
        if (chosen == null || chosen.isBlank()) {
            throw new OpsException("no region: pass --region (e.g. --region eu-west-1) or set AWS_REGION");
        }
        return chosen;
    }

    private AwsCredentialsProvider credentials() {
        return profile == null
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(profile).build();
    }

    private URI endpoint() {
        try {
            URI uri = new URI(endpointUrl);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(endpointUrl, "expected http(s)://host[:port]");
            }
            return uri;
        } catch (URISyntaxException invalid) {
            throw new OpsException(
                    "--endpoint-url " + endpointUrl + " is not a URL: expected e.g. http://127.0.0.1:4567");
        }
    }

    private static String firstSet(String... names) {
        for (String name : names) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
