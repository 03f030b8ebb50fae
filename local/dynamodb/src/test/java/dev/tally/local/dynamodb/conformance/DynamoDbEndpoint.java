package dev.tally.local.dynamodb.conformance;

import java.net.URI;

/** A running DynamoDB-compatible server the suite talks to: the server under test or a reference. */
interface DynamoDbEndpoint extends AutoCloseable {

    /** Short name used in reports and in the known-deviations list ({@code tally}, {@code moto}, {@code dynoxide}). */
    String name();

    /** Where the SDK clients send requests. */
    URI endpoint();

    @Override
    void close();
}
