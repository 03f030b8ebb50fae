package dev.tally.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The shipped log4j2.xml writes one JSON object per event: Powertools' Lambda layout without its per-line noise. */
class LoggingConfigurationTest {

    @Test
    void log4j2Xml_usesTheShortJsonTemplateLayout() throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        assertThat(context.getConfiguration().getConfigurationSource().getLocation())
                .endsWith("log4j2.xml");
        Appender appender = context.getConfiguration().getAppender("JsonAppender");
        Layout<?> layout = appender.getLayout();
        assertThat(layout).isInstanceOf(JsonTemplateLayout.class);

        Log4jLogEvent event = Log4jLogEvent.newBuilder()
                .setLoggerName("dev.tally.Test")
                .setLevel(Level.INFO)
                .setMessage(new SimpleMessage("command applied commandId=c-1"))
                .build();
        JsonNode json = new ObjectMapper().readTree(new String(layout.toByteArray(event), StandardCharsets.UTF_8));

        assertThat(json.get("message").asText()).isEqualTo("command applied commandId=c-1");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("loggerName").asText()).isEqualTo("dev.tally.Test");
        assertThat(json.has("timestamp")).isTrue();
        // Powertools' layout repeats these on every line; in Lambda they say nothing (one thread, no NDC, no location).
        assertThat(json.has("instant")).isFalse();
        assertThat(json.has("thread")).isFalse();
        assertThat(json.has("threadId")).isFalse();
        assertThat(json.has("threadPriority")).isFalse();
        assertThat(json.has("loggerFqcn")).isFalse();
        assertThat(json.has("endOfBatch")).isFalse();
    }

    @Test
    void levels_awsSdkOnlyWarnsAndTallyFollowsPowertoolsLogLevel() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);

        assertThat(context.getLogger("software.amazon.awssdk.request").getLevel())
                .isEqualTo(Level.WARN);
        String configured = System.getenv("POWERTOOLS_LOG_LEVEL");
        Level expected = configured == null || configured.isBlank() ? Level.INFO : Level.toLevel(configured);
        assertThat(context.getLogger("dev.tally.anything").getLevel()).isEqualTo(expected);
    }
}
