package dev.tally.local.dynamodb;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs one in-memory {@link EmbeddedDynamoDb} per test class.
 *
 * <pre>{@code
 * @RegisterExtension static DynamoDbExtension ddb = DynamoDbExtension.create();
 * ... ddb.endpoint() ...
 * }</pre>
 *
 * or {@code @ExtendWith(DynamoDbExtension.class)} with an {@code EmbeddedDynamoDb} parameter.
 */
public final class DynamoDbExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final EmbeddedDynamoDb.Builder builder;
    private EmbeddedDynamoDb server;
    private int depth;

    /** An extension with the default builder (free port, in memory, us-east-1). */
    public DynamoDbExtension() {
        this(EmbeddedDynamoDb.builder());
    }

    private DynamoDbExtension(EmbeddedDynamoDb.Builder builder) {
        this.builder = builder;
    }

    /** An extension with defaults. */
    public static DynamoDbExtension create() {
        return new DynamoDbExtension();
    }

    /** An extension starting a server configured by this builder. */
    public static DynamoDbExtension with(EmbeddedDynamoDb.Builder builder) {
        return new DynamoDbExtension(builder);
    }

    /** Starts the server for the outermost test class; {@code @Nested} classes share it. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (depth++ == 0) {
            server = builder.start();
        }
    }

    /** Stops the server when the outermost test class is done. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (--depth == 0 && server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server (between beforeAll and afterAll). */
    public EmbeddedDynamoDb server() {
        if (server == null) {
            throw new IllegalStateException("the local DynamoDB runs only while the test class runs");
        }
        return server;
    }

    /** The endpoint of the running server. */
    public URI endpoint() {
        return server().endpoint();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedDynamoDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }
}
