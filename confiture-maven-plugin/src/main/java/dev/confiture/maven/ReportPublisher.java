package dev.confiture.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/** The one place reports leave the plugin: JSON through Jackson, text through the build log. */
public final class ReportPublisher {

    /**
     * Built on first use, not when the class loads: text-format goals only write files through this
     * class, and building a mapper (Jackson's classes, module discovery) costs a cold JVM ~150 ms.
     */
    private static final class Json {
        /**
         * Every goal's JSON uses snake_case keys ({@code tracking_table}, {@code execution_time_ms}), as
         * docs/json.md says: set once here, so a report record's camelCase component names never leak
         * into a document and no report type has to remember an annotation.
         */
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .findAndAddModules()
                .build();
    }

    private ReportPublisher() {
    }

    public static void publish(Object report, List<String> textLines, boolean json, File output, Log log)
            throws MojoExecutionException {
        publish(report, () -> textLines, json, output, log);
    }

    /**
     * As {@link #publish(Object, List, boolean, File, Log)}, with the text made only when something
     * shows or keeps it: under {@code -q} with no output file, nothing does, and formatting the
     * 5,000-row table of a status cost a cold JVM about 50 ms.
     */
    public static void publish(Object report, Supplier<List<String>> textLines, boolean json, File output, Log log)
            throws MojoExecutionException {
        if (json) {
            String rendered = toJson(report);
            PrintStream out = System.out;
            out.println(rendered);
            out.flush();
            write(output, rendered + System.lineSeparator(), log);
        } else if (log.isInfoEnabled() || output != null) {
            List<String> lines = textLines.get();
            lines.forEach(log::info);
            write(output, String.join(System.lineSeparator(), lines) + System.lineSeparator(), log);
        }
    }

    /** The mapper every report goes through: tests read the key names it produces from it. */
    static ObjectMapper mapper() {
        return Json.MAPPER;
    }

    public static String toJson(Object report) throws MojoExecutionException {
        try {
            return Json.MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not render the report as JSON: " + e.getMessage(), e);
        }
    }

    /** Writes a report file, creating its folder; a null file writes nothing. */
    public static void write(File file, String content, Log log) throws MojoExecutionException {
        if (file == null) {
            return;
        }
        try {
            if (file.getParentFile() != null) {
                Files.createDirectories(file.getParentFile().toPath());
            }
            Files.writeString(file.toPath(), content, StandardCharsets.UTF_8);
            log.debug("Report written to " + file);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the report to " + file + ": " + e.getMessage(), e);
        }
    }
}
