package dev.confiture.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.confiture.coordination.CheckReport;
import dev.confiture.coordination.InitReport;
import dev.confiture.coordination.IntentReport;
import dev.confiture.coordination.TransitionReport;
import dev.confiture.git.ValidationReport;
import dev.confiture.model.ConfitureException;
import dev.confiture.runner.report.BaselineReport;
import dev.confiture.runner.report.GenerateReport;
import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.RepairReport;
import dev.confiture.runner.report.RollbackReport;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;
import dev.confiture.runner.verify.VerifyReport;
import org.junit.jupiter.api.Test;

/** Every goal's JSON document uses snake_case keys (docs/json.md), nested objects included. */
class JsonKeysTest {

    /** The document types the goals publish; a goal that adds one adds it here. */
    private static final List<Class<?>> REPORTS = List.of(
            StatusReport.class, MigrateReport.class, RollbackReport.class, BaselineReport.class, RepairReport.class, GenerateReport.class,
            VerifyReport.class, ValidationReport.class, DiffMojo.Report.class, DbMojo.Report.class, FailureReport.class,
            dev.confiture.runner.clean.CleanReport.class,
            InitReport.class, CheckReport.class, IntentReport.class, TransitionReport.class,
            dev.confiture.coordination.StatusReport.class, dev.confiture.lint.LintReport.class);

    private static final String SNAKE_CASE = "[a-z][a-z0-9]*(_[a-z0-9]+)*";

    @Test
    void everyKeyOfEveryGoalsDocumentIsSnakeCase() {
        ObjectMapper mapper = ReportPublisher.mapper();
        List<String> keys = new ArrayList<>();
        Set<JavaType> seen = new HashSet<>();
        for (Class<?> report : REPORTS) {
            collect(mapper, mapper.constructType(report), report.getSimpleName(), keys, seen);
        }
        assertThat(keys).as("keys found").hasSizeGreaterThan(60)
                .allSatisfy(key -> assertThat(key.substring(key.lastIndexOf('.') + 1)).as(key).matches(SNAKE_CASE));
        assertThat(keys).contains("StatusReport.tracking_table", "StatusReport.current_version",
                "StatusEntry.applied_by", "StatusEntry.execution_time_ms", "MigrationOutcome.execution_time_ms",
                "VerifyReport.schema_files", "Report.up_file", "IntentReport.intent_id",
                "Finding.rule_id", "Finding.safe_alternative", "Finding.rewrites_table");
    }

    @Test
    void aRenderedStatusDocumentHasOnlySnakeCaseKeys() throws Exception {
        StatusReport report = new StatusReport("jdbc:postgresql://db/app as deploy", "confiture_migrations", "001",
                List.of(new StatusEntry("001", "users", "applied", "sql", "2026-11-30T01:50:12Z", "db/migrations",
                        "deploy", 12L)), 1, 1, 0, 0, 0);

        JsonNode json = ReportPublisher.mapper().readTree(ReportPublisher.toJson(report));

        assertThat(fieldNames(json)).containsExactly("database", "tracking_table", "current_version", "migrations",
                "total", "applied", "pending", "modified", "missing");
        assertThat(fieldNames(json.get("migrations").get(0))).containsExactly("version", "name", "status", "kind",
                "applied_at", "source", "applied_by", "execution_time_ms");
        assertThat(json.toString()).doesNotContain("trackingTable", "appliedAt", "executionTimeMs");
    }

    @Test
    void aFailureDocumentHasOnlySnakeCaseKeys() throws Exception {
        FailureReport report = FailureReport.of("migrate", new ConfitureException("X_Y", "broken"), null);

        JsonNode json = ReportPublisher.mapper().readTree(ReportPublisher.toJson(report));

        assertThat(fieldNames(json)).containsExactly("goal", "status", "error");
        assertThat(fieldNames(json.get("error"))).containsExactly("code", "message", "file", "line");
    }

    private static void collect(ObjectMapper mapper, JavaType type, String owner, List<String> keys, Set<JavaType> seen) {
        if (type.isContainerType()) {
            if (type.isMapLikeType()) {
                collect(mapper, type.getKeyType(), owner, keys, seen);
            }
            collect(mapper, type.getContentType(), owner, keys, seen);
            return;
        }
        Class<?> raw = type.getRawClass();
        if (raw.isPrimitive() || raw.isEnum() || raw.getName().startsWith("java.") || !seen.add(type)) {
            return;
        }
        for (BeanPropertyDefinition property : mapper.getSerializationConfig().introspect(type).findProperties()) {
            if (property.couldSerialize()) {
                keys.add(raw.getSimpleName() + "." + property.getName());
                collect(mapper, property.getPrimaryType(), raw.getSimpleName(), keys, seen);
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        return names;
    }
}
