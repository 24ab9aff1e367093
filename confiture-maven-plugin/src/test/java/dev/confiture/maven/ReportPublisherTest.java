package dev.confiture.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Text reports are formatted only when the console shows them or a file keeps them. */
class ReportPublisherTest {

    @TempDir
    Path dir;

    /** The build log at INFO, or as {@code mvn -q} leaves it (errors only); keeps what it was given at INFO. */
    private static final class BuildLog extends SystemStreamLog {
        final boolean infoEnabled;
        final List<String> info = new ArrayList<>();

        BuildLog(boolean infoEnabled) {
            this.infoEnabled = infoEnabled;
        }

        @Override
        public boolean isInfoEnabled() {
            return infoEnabled;
        }

        @Override
        public void info(CharSequence content) {
            info.add(content.toString());
        }
    }

    private final AtomicInteger formatted = new AtomicInteger();

    private Supplier<List<String>> table() {
        return () -> {
            formatted.incrementAndGet();
            return List.of("| a |", "| b |");
        };
    }

    @Test
    void quietWithoutAnOutputFileFormatsNothing() throws Exception {
        BuildLog quiet = new BuildLog(false);
        ReportPublisher.publish("report", table(), false, null, quiet);
        assertThat(formatted).hasValue(0);
        assertThat(quiet.info).isEmpty();
    }

    @Test
    void quietWithAnOutputFileStillWritesIt() throws Exception {
        File output = dir.resolve("out/status.txt").toFile();
        ReportPublisher.publish("report", table(), false, output, new BuildLog(false));
        assertThat(formatted).hasValue(1);
        assertThat(Files.readString(output.toPath())).isEqualTo("| a |" + System.lineSeparator() + "| b |" + System.lineSeparator());
    }

    @Test
    void atInfoTheLinesGoToTheLogOnce() throws Exception {
        BuildLog log = new BuildLog(true);
        ReportPublisher.publish("report", table(), false, null, log);
        assertThat(formatted).hasValue(1);
        assertThat(log.info).containsExactly("| a |", "| b |");
    }
}
