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

    @Test
    void appliedAtWithoutTheParserWritesWhatTheParserWrote() {
        java.time.format.DateTimeFormatter written = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
        java.util.Random random = new java.util.Random(5);
        java.util.List<java.time.OffsetDateTime> times = new java.util.ArrayList<>(java.util.List.of(
                java.time.OffsetDateTime.parse("2026-11-30T02:43:00Z"),              // toString drops the seconds
                java.time.OffsetDateTime.parse("2026-11-30T02:43:18.123456Z"),
                java.time.OffsetDateTime.parse("2026-01-02T23:59:59.999999999+05:30"),
                java.time.OffsetDateTime.parse("1999-12-31T00:00:01-03:00"),
                java.time.OffsetDateTime.parse("2026-11-30T02:43:18+01:00:30"),       // offset with seconds: the parser
                java.time.OffsetDateTime.parse("+12026-11-30T02:43:18Z")));           // a year beyond 9999: the parser
        for (int k = 0; k < 500; k++) {
            times.add(java.time.OffsetDateTime.of(java.time.LocalDateTime.ofEpochSecond(random.nextInt(2_000_000_000),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000), java.time.ZoneOffset.UTC),
                    java.time.ZoneOffset.ofTotalSeconds((random.nextInt(28) - 14) * 1800)));
        }
        for (java.time.OffsetDateTime t : times) {
            assertThat(RunnerText.appliedAt(t.toString())).as(t.toString()).isEqualTo(t.format(written));
        }
        assertThat(RunnerText.appliedAtQuickly("2026-11-30T02:43:18+01:00:30")).isNull();
        assertThat(RunnerText.appliedAtQuickly("2026-11-30 02:43:18")).isNull();
        assertThat(RunnerText.appliedAt("not a time")).isEqualTo("not a time");
    }
}
