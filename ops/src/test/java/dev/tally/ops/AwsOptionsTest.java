package dev.tally.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.common.aws.AwsClients;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class AwsOptionsTest {

    private static final Map<String, String> ENVIRONMENT =
            Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:1111");

    @Test
    void clients_withoutOptions_useTheEnvironment() {
        AwsClients clients = new AwsOptions().clients(ENVIRONMENT::get);

        assertThat(clients.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(clients.endpointOverride(AwsClients.SQS)).contains(URI.create("http://127.0.0.1:1111"));
        assertThat(clients.endpointOverride(AwsClients.DYNAMODB)).isEmpty();
    }

    @Test
    void clients_withOptions_overrideRegionAndEveryServicesEndpoint() {
        AwsOptions options = new AwsOptions();
        options.region = "us-east-1";
        options.endpoint = "http://127.0.0.1:2222";

        AwsClients clients = options.clients(ENVIRONMENT::get);

        assertThat(clients.region()).isEqualTo(Region.US_EAST_1);
        assertThat(clients.endpointOverride(AwsClients.SQS)).contains(URI.create("http://127.0.0.1:2222"));
        assertThat(clients.endpointOverride(AwsClients.DYNAMODB)).contains(URI.create("http://127.0.0.1:2222"));
    }

    @Test
    void clients_withoutARegion_failsSayingHowToSetIt() {
        assertThatThrownBy(() -> new AwsOptions().clients(name -> null))
                .isInstanceOf(OpsException.class)
                .hasMessageContaining("AWS_REGION is missing")
                .hasMessageContaining("--region");
    }
}
