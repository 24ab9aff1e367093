package dev.confiture.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.git.ValidationReport;
import dev.confiture.git.ValidationReport.Check;
import dev.confiture.git.ValidationReport.Finding;
import dev.confiture.model.json.ReportJson;
import dev.confiture.runner.verify.UncheckedTable;
import dev.confiture.runner.verify.VerifyCheck;
import dev.confiture.runner.verify.VerifyFinding;
import dev.confiture.runner.verify.VerifyReport;
import org.junit.jupiter.api.Test;

/**
 * validate and verify write target/confiture/&lt;goal&gt;.json without Jackson ({@link ReportJson}); the
 * text must be the one the plugin's mapper prints for the same report, byte for byte, whichever
 * the report holds.
 */
class ReportJsonTest {

    private static final String ODD = "changed:\n\tcolumn \"a\" added\r\b\f\u0001\u001f é ✓ 😀 </x> \\ end";

    @Test
    void aPassedValidateReportIsWrittenAsTheMapperWritesIt() throws Exception {
        ValidationReport report = new ValidationReport("passed", "0123456789abcdef0123456789abcdef01234567", "index",
                List.of(new Check("migration", "passed", List.of()), new Check("drift", "passed", List.of())));
        assertSameAsMapper(report);
    }

    @Test
    void validateFindingsWithNullsAndCharactersToEscapeAreWrittenAsTheMapperWritesThem() throws Exception {
        ValidationReport report = new ValidationReport("failed", "empty tree", "HEAD", List.of(
                new Check("migration", "failed", List.of(
                        new Finding("table public.\"Odd \\ name\"", ODD, "db/schema/10_tables/t0001.sql"),
                        new Finding(null, "is a binary file", null))),
                new Check("drift", "failed", List.of(new Finding("index public.i", "", "db/migrations/2_x.up.sql")))));
        assertSameAsMapper(report);
    }

    @Test
    void aValidateReportWithNoChecksIsWrittenAsTheMapperWritesIt() throws Exception {
        assertSameAsMapper(new ValidationReport("passed", null, null, List.of()));
    }

    @Test
    void aFailedVerifyReportWithEveryKindOfValueIsWrittenAsTheMapperWritesIt() throws Exception {
        VerifyReport report = new VerifyReport("failed", "local", "embedded PostgreSQL", 3, 12, List.of(
                new VerifyCheck(VerifyCheck.CHECKSUM, "skipped", "no live database checked", List.of()),
                new VerifyCheck(VerifyCheck.DRIFT, "failed", "1 difference", List.of(
                        new VerifyFinding(VerifyFinding.ERROR, "table public.\"Odd\"", "002_add", "db/migrations/002_add.up.sql",
                                7, ODD, "integer NOT NULL", "bigint"),
                        new VerifyFinding(VerifyFinding.WARNING, null, null, null, null, "", null, null))),
                new VerifyCheck(VerifyCheck.DOWN, "passed", "2 down migration(s) checked", List.of())),
                List.of(new UncheckedTable("public.events", "no primary key"), new UncheckedTable("public.t", ODD)),
                9_876_543_210L);
        assertSameAsMapper(report);
    }

    @Test
    void aVerifyReportWithEmptyListsIsWrittenAsTheMapperWritesIt() throws Exception {
        assertSameAsMapper(new VerifyReport("passed", null, "server", 0, 0, List.of(), List.of(), 0));
    }

    /** Shapes no report has today, so that the next one that does is written as the mapper writes it. */
    record Nested(boolean flag, Kind kind, Map<String, Object> byName, List<List<Integer>> grid, Empty empty, String upURL,
                  String _leading, Short small) {
    }

    enum Kind { ONE_KIND }

    record Empty() {
    }

    @Test
    void booleansEnumsMapsNestedListsAndEmptyRecordsAreWrittenAsTheMapperWritesThem() throws Exception {
        Map<String, Object> byName = new LinkedHashMap<>();
        byName.put("camelKey", 1);
        byName.put("empty", Map.of());
        byName.put("inner", new Empty());
        byName.put("none", null);
        assertSameAsMapper(new Nested(true, Kind.ONE_KIND, byName, List.of(List.of(1, 2), List.of()), new Empty(), "u",
                "l", (short) 3));
        assertSameAsMapper(new Nested(false, null, Map.of(), List.of(), null, null, null, null));
    }

    record WithPath(Path file) {
    }

    @Test
    void aValueTheMapperWouldWriteDifferentlyIsRefusedNotGuessed() {
        assertThatThrownBy(() -> ReportJson.render(new WithPath(Path.of("db/x.sql"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Path")
                .hasMessageContaining("mapper");
    }

    private static void assertSameAsMapper(Record report) throws Exception {
        assertThat(ReportJson.render(report)).isEqualTo(ReportPublisher.toJson(report));
    }
}
