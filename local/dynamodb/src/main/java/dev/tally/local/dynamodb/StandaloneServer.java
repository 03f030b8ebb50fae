package dev.tally.local.dynamodb;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone jar's entry point:
 * {@code java -jar tally-local-dynamodb-<v>-standalone.jar --port N [--data-dir D] [--region R]}.
 * Prints one ready line with the endpoint, then serves until killed.
 */
public final class StandaloneServer {

    private StandaloneServer() {}

    /** Starts the server from command-line options. */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedDynamoDb.Builder builder = EmbeddedDynamoDb.builder().port(8000);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.println(
                        "usage: java -jar tally-local-dynamodb-standalone.jar [--port N (default 8000, 0 = free)] "
                                + "[--data-dir DIR] [--region REGION] [--host ADDRESS]");
                return;
            }
            if (i + 1 >= args.length) {
                fail("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> {
                    try {
                        builder.port(Integer.parseInt(value));
                    } catch (IllegalArgumentException e) {
                        fail("--port must be a number from 0 to 65535, was " + value);
                    }
                }
                case "--data-dir" -> builder.dataDirectory(Path.of(value));
                case "--region" -> builder.region(value);
                case "--host" -> builder.host(value);
                default -> fail("unknown option " + option + " (see --help)");
            }
        }
        EmbeddedDynamoDb server;
        try {
            server = builder.start();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            fail("cannot start: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "local-dynamodb-shutdown"));
        System.out.println("Tally local DynamoDB ready at " + server.endpoint());
        System.out.flush();
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
