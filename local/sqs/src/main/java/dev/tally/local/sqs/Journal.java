package dev.tally.local.sqs;

import java.util.Map;

/**
 * Where the server records what must survive a restart. Every call happens under the server's
 * lock, before the request that caused it is answered.
 */
interface Journal extends AutoCloseable {

    /** Keeps nothing (an in-memory server). */
    Journal NONE = new Journal() {};

    default void queueCreated(String name, Map<String, String> attributes, long createdMillis) {}

    default void attributesSet(String queue, Map<String, String> attributes, long modifiedMillis) {}

    default void queueDeleted(String queue) {}

    default void purged(String queue) {}

    /** A message entered a queue (a send, a dead-lettering or a move). */
    default void sent(String queue, QueuedMessage message) {}

    default void deleted(String queue, String messageId) {}

    /** A receive: the count and first-receive time are kept (visibility itself is not). */
    default void received(String queue, QueuedMessage message) {}

    /** May compact; called under the lock after a change, with the whole state readable. */
    default void maybeCompact(Map<String, Queue> queues, long now) {}

    @Override
    default void close() {}
}
