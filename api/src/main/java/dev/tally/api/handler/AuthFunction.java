package dev.tally.api.handler;

import dev.tally.api.auth.AuthService;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.AuthConfig;
import dev.tally.common.http.ApiRequestHandling;

/**
 * What {@code AuthFunction} builds once per container, at class initialisation (so before a
 * SnapStart snapshot), from the process environment. Only the public constructor of
 * {@link AuthHandler} touches this class, so tests never need the environment.
 */
final class AuthFunction {

    static final ApiRequestHandling HANDLING = FunctionWiring.handling();
    static final AuthService SERVICE = FunctionWiring.authService(AuthConfig.fromEnvironment(), AwsClients.fromEnvironment());

    private AuthFunction() {
    }
}
