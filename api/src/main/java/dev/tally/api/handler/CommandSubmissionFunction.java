package dev.tally.api.handler;

import dev.tally.api.submission.CommandRequests;
import dev.tally.api.submission.CommandSubmissionService;
import dev.tally.api.submission.UuidV7;
import dev.tally.common.auth.RequestAuthenticator;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.CommandSubmissionConfig;
import dev.tally.common.http.ApiRequestHandling;
import java.time.Clock;

/**
 * What {@code CommandSubmissionFunction} builds once per container, at class initialisation (so
 * before a SnapStart snapshot), from the process environment. Only the public constructor of
 * {@link CommandSubmissionHandler} touches this class.
 */
final class CommandSubmissionFunction {

    static final CommandSubmissionConfig CONFIG = CommandSubmissionConfig.fromEnvironment();
    static final AwsClients AWS = AwsClients.fromEnvironment();
    static final ApiRequestHandling HANDLING = FunctionWiring.handling();
    static final RequestAuthenticator AUTHENTICATOR = FunctionWiring.authenticator(CONFIG.jwt(), AWS);
    static final CommandRequests REQUESTS = new CommandRequests(new UuidV7(), Clock.systemUTC());
    static final CommandSubmissionService SERVICE = FunctionWiring.submissionService(CONFIG, AWS);

    private CommandSubmissionFunction() {
    }
}
