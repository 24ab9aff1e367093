package dev.confiture.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real DDL (run when CONFITURE_CORPUS points at the corpus folder): every file of the corpus, linted
 * as a migration after itself, so that each of its tables, indexes and constraints is busy and every
 * rule reads real statements. No rule may fail on them, and the findings must point into the file.
 */
class LintCorpusTest {

    @Test
    void everyCorpusFileLintsAfterItself() throws IOException {
        String corpus = System.getenv("CONFITURE_CORPUS");
        Assumptions.assumeTrue(corpus != null && !corpus.isBlank(), "CONFITURE_CORPUS is not set");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(corpus))) {
            files = walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(60);
        int findings = 0;
        for (Path file : files) {
            String sql = Files.readString(file, StandardCharsets.UTF_8);
            long lines = sql.lines().count();
            List<LintMigration> twice = List.of(new LintMigration("001_a.sql", file.toString(), sql),
                    new LintMigration("002_b.sql", file.toString(), sql));
            LintReport report = new LintEngine().lint(twice, LintScope.all(15));
            for (Finding f : report.findings()) {
                assertThat(f.line()).as(f.located()).isBetween(1, (int) lines);
                assertThat(f.column()).as(f.located()).isPositive();
            }
            findings += report.findings().size();
        }
        // The schemas create indexes and constraints on their tables: run again, they are on busy tables.
        assertThat(findings).isGreaterThan(100);
    }
}
