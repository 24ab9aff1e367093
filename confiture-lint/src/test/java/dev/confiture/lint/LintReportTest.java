package dev.confiture.lint;

import static dev.confiture.lint.Lints.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;

class LintReportTest {

    private final LintReport report = Lints.last(15, USERS,
            "CREATE INDEX CONCURRENTLY a ON users (name);\nALTER TABLE users ADD COLUMN x int;\n"
            + "-- confiture:lint-ignore require-concurrent-index-creation small\nCREATE INDEX b ON users (name);");

    @Test
    void failOnLevels() {
        assertThat(report.findings()).extracting(Finding::level).containsExactly(Severity.WARNING);
        assertThat(report.fails("error")).isFalse();
        assertThat(report.fails("warning")).isTrue();
        assertThat(report.fails("none")).isFalse();
        assertThatThrownBy(() -> report.fails("fatal")).isInstanceOf(ConfitureException.class)
                .hasMessageContaining("use error, warning or none");
    }

    @Test
    void textNamesFileLineRuleAndIgnoredReason() {
        assertThat(report.textLines()).contains(
                "db/migrations/002_m2.sql:1:1: warning [concurrently-in-transaction] this statement cannot run in a"
                + " transaction, so the whole migration runs without one: put it in a migration of its own",
                "db/migrations/002_m2.sql:4:1: ignored [require-concurrent-index-creation] small");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sarifHasTheFieldsTheSchemaRequires() {
        Map<String, Object> sarif = report.sarif(new LintEngine().ruleIds(), "0.1.0");
        assertThat(sarif).containsEntry("version", "2.1.0").containsKey("runs");
        Map<String, Object> run = ((List<Map<String, Object>>) sarif.get("runs")).get(0);
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        assertThat(driver).containsEntry("name", "confiture-lint");
        List<Map<String, Object>> results = (List<Map<String, Object>>) run.get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0)).containsEntry("ruleId", "concurrently-in-transaction").containsEntry("level", "warning");
        assertThat((Map<String, Object>) results.get(0).get("message")).containsKey("text");
        assertThat(results.get(1)).containsKey("suppressions");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sarifCarriesTheDataRulesWithTheirHelpAnchor() {
        LintReport data = Lints.last(15, USERS, "ALTER TABLE users ADD COLUMN t bigint;\nUPDATE users SET t = 1;");
        Map<String, Object> run = ((List<Map<String, Object>>) data.sarif(new LintEngine().ruleIds(), "0.1.0")
                .get("runs")).get(0);
        List<Map<String, Object>> results = (List<Map<String, Object>>) run.get("results");
        assertThat(results).extracting(r -> r.get("ruleId"))
                .containsExactly("update-or-delete-without-where", "backfill-in-ddl-transaction");
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        assertThat((List<Map<String, Object>>) driver.get("rules")).extracting(r -> r.get("helpUri"))
                .contains("https://github.com/confiture-maven/confiture/blob/main/docs/lint.md#backfill-in-ddl-transaction");
    }

    /** SARIF's helpUri points at docs/lint.md#rule-id: every rule has its row and anchor there. */
    @Test
    void everyRuleIsDocumentedWithItsAnchor() throws IOException {
        String docs = Files.readString(Path.of("../docs/lint.md"));
        for (String id : new LintEngine().ruleIds()) {
            assertThat(docs).as(id).contains("<a id=\"" + id + "\"></a>`" + id + "`");
        }
    }
}
