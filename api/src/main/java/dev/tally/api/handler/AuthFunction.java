package dev.tally.api.handler;

import dev.tally.api.auth.AuthService;
import dev.tally.api.store.DynamoDbUserStore;
import dev.tally.common.auth.JwtIssuer;
import dev.tally.common.auth.JwtKeySource;
import dev.tally.common.auth.PasswordHasher;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.aws.SecretValues;
import dev.tally.common.config.AuthConfig;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.events.TallyJson;

/**
 * What {@code AuthFunction} builds once per container, at class initialisation (so before a
 * SnapStart snapshot): configuration, clients, the signing key and the service. Only the public
 * constructor of {@link AuthHandler} touches this class, so tests never need the environment.
 */
final class AuthFunction {

    static final AuthConfig CONFIG = AuthConfig.fromEnvironment();
    static final AwsClients AWS = AwsClients.fromEnvironment();
    static final ApiRequestHandling HANDLING = new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER));
    static final AuthService SERVICE = new AuthService(
            new DynamoDbUserStore(AWS.dynamoDb(), CONFIG.usersTable()),
            new PasswordHasher(),
            new JwtIssuer(CONFIG.jwt(),
                    JwtKeySource.fromSecretsManager(new SecretValues(AWS.secretsManager()), CONFIG.jwt().secretArn()),
                    CONFIG.tokenTimeToLive()));

    private AuthFunction() {
    }
}
