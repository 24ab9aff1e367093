package dev.confiture.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.confiture.git.ValidationReport;
import dev.confiture.git.ValidationReport.Check;
import dev.confiture.git.ValidationReport.Finding;
import dev.confiture.git.ValidationReportJson;
import org.junit.jupiter.api.Test;

/**
 * validate writes target/confiture/validate.json without Jackson ({@link ValidationReportJson}); the
 * text must be the one the plugin's mapper prints for the same report, byte for byte, whichever
 * the report holds.
 */
class ValidationReportJsonTest {

    @Test
    void aPassedReportIsWrittenAsTheMapperWritesIt() throws Exception {
        ValidationReport report = new ValidationReport("passed", "0123456789abcdef0123456789abcdef01234567", "index",
                List.of(new Check("migration", "passed", List.of()), new Check("drift", "passed", List.of())));
        assertSameAsMapper(report);
    }

    @Test
    void findingsWithNullsAndCharactersToEscapeAreWrittenAsTheMapperWritesThem() throws Exception {
        ValidationReport report = new ValidationReport("failed", "empty tree", "HEAD", List.of(
                new Check("migration", "failed", List.of(
                        new Finding("table public.\"Odd \\ name\"", "changed:\n\tcolumn \"a\" added\r\b\f\u0001\u001f é ✓ 😀 </x>",
                                "db/schema/10_tables/t0001.sql"),
                        new Finding(null, "is a binary file", null))),
                new Check("drift", "failed", List.of(new Finding("index public.i", "", "db/migrations/2_x.up.sql")))));
        assertSameAsMapper(report);
    }

    @Test
    void aReportWithNoChecksIsWrittenAsTheMapperWritesIt() throws Exception {
        assertSameAsMapper(new ValidationReport("passed", null, null, List.of()));
    }

    private static void assertSameAsMapper(ValidationReport report) throws Exception {
        assertThat(ValidationReportJson.render(report)).isEqualTo(ReportPublisher.toJson(report));
    }
}
