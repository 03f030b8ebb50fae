package dev.tally.bench.dynamodb;

import java.net.URI;

/** A DynamoDB-compatible server under measurement. */
interface BenchTarget extends AutoCloseable {

    String name();

    URI endpoint();

    @Override
    void close();
}
