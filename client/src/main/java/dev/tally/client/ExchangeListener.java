package dev.tally.client;

/** Told of every answered request (each retry attempt included): for tests, tracing or metrics. */
@FunctionalInterface
public interface ExchangeListener {

    /** Called after an answer arrived, before the client interprets it. */
    void exchanged(Exchange exchange);
}
