package dev.tally.local.runtime.template;

import java.util.Optional;

/**
 * A stream event's {@code DestinationConfig.OnFailure}: where records that exhausted their
 * retries are sent (an SQS queue or SNS topic ARN).
 *
 * @param destination the {@code Destination} ARN expression (usually {@code !GetAtt Q.Arn})
 * @param type        SAM's optional {@code Type} hint ({@code SQS} or {@code SNS}) for generated permissions
 */
public record FailureDestination(TemplateValue destination, Optional<String> type) {

    static FailureDestination read(Properties onFailure) {
        onFailure.allowOnly(java.util.Set.of("Destination", "Type"), "DestinationConfig.OnFailure");
        return new FailureDestination(onFailure.requiredValue("Destination"), onFailure.optionalString("Type"));
    }
}
