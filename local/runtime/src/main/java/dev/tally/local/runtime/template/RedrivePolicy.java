package dev.tally.local.runtime.template;

/**
 * A queue's {@code RedrivePolicy}: after {@code maxReceiveCount} receives, a message moves to the
 * dead-letter queue.
 *
 * @param deadLetterTargetArn the DLQ's ARN expression (usually {@code !GetAtt Dlq.Arn})
 * @param maxReceiveCount     receives before the move
 */
public record RedrivePolicy(TemplateValue deadLetterTargetArn, int maxReceiveCount) {

    static RedrivePolicy read(Properties policy) {
        policy.allowOnly(java.util.Set.of("deadLetterTargetArn", "maxReceiveCount"), "RedrivePolicy");
        int maxReceiveCount = policy.integer("maxReceiveCount", 0);
        if (maxReceiveCount < 1) {
            throw new TemplateSyntaxException(policy.pathOf("maxReceiveCount"), "required, and at least 1");
        }
        return new RedrivePolicy(policy.requiredValue("deadLetterTargetArn"), maxReceiveCount);
    }
}
