package dev.tally.ops.coldstart;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tally.ops.OpsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The report's JSON form (the input of {@code compare}): written and read back. */
final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {}

    static String write(ColdStartReport report) {
        try {
            return JSON.writeValueAsString(report) + "\n";
        } catch (IOException impossible) {
            throw new IllegalStateException("cannot write the report as JSON", impossible);
        }
    }

    /** Reads a file {@code coldstart report --format json} wrote; fails naming the file and the problem. */
    static ColdStartReport read(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new OpsException(option + " " + file
                    + ": no such file (write one with `coldstart report --format json --output FILE`)");
        }
        try {
            ColdStartReport report = JSON.readValue(file.toFile(), ColdStartReport.class);
            if (report.functions() == null) {
                throw new OpsException(option + " " + file + ": not a cold-start report (no \"functions\")");
            }
            return report;
        } catch (IOException | IllegalArgumentException | NullPointerException unreadable) {
            throw new OpsException(
                    option + " " + file + ": not a cold-start report written by `coldstart report --format json`",
                    unreadable);
        }
    }
}
