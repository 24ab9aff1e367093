package dev.confiture.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.runner.MigrationListener;
import org.junit.jupiter.api.Test;

class RunnerTextTest {

    @Test
    void warningsGoToTheirOwnSinkSoABuildLogCanShowThemAtWarnLevel() {
        List<String> info = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        MigrationListener listener = RunnerText.lines(info::add, warnings::add);

        listener.info("Found 1 pending migration(s)");
        listener.warning("db/migrations/001_a.down.sql changed since 001_a was applied");

        assertThat(info).containsExactly("Found 1 pending migration(s)");
        assertThat(warnings).containsExactly("db/migrations/001_a.down.sql changed since 001_a was applied");
    }

    @Test
    void withOneSinkAWarningIsALineThatSaysSo() {
        List<String> lines = new ArrayList<>();
        RunnerText.lines(lines::add).warning("the down file changed");

        assertThat(lines).containsExactly("WARNING: the down file changed");
    }
}
