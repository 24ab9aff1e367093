package dev.confiture.report;

import java.util.List;

import dev.confiture.lint.Finding;
import dev.confiture.lint.Severity;
import dev.confiture.report.diagram.ErDiagram;

/**
 * Everything the HTML report shows, gathered once ({@link ReportCollector}) and rendered by
 * {@link dev.confiture.report.html.HtmlReport}. No field ever holds a secret: the database is
 * described by its masked URL.
 *
 * @param environment the environment, database and folders it describes
 * @param generatedAt ISO-8601 instant the report was made
 * @param history     the migration timeline, from the tracking table or from the files alone
 * @param pending     the pending migrations, with their SQL and what they do
 * @param checks      the latest {@code validate} and {@code verify} results found under {@code target/confiture}
 * @param schema      where the ER diagram's schema came from, and the diagram
 */
public record ReportModel(EnvironmentSummary environment, String generatedAt, History history,
                          List<PendingChange> pending, List<CheckResult> checks, SchemaPicture schema) {

    public ReportModel {
        pending = List.copyOf(pending);
        checks = List.copyOf(checks);
    }

    /** The environment: its name, the masked database URL, the migrations folder and tracking table. */
    public record EnvironmentSummary(String name, String database, String migrationsDir, String trackingTable,
                                     String project) {
    }

    /**
     * The timeline. {@code fromDatabase} false means the database did not answer and
     * {@code note} says why; then every migration on disk is listed as pending.
     */
    public record History(boolean fromDatabase, String note, List<HistoryEntry> entries, int applied, int pending,
                          int modified, int missing) {
        public History {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One migration. {@code status}: applied, pending, modified, missing (and down-modified /
     * down-deleted, applied with only the down file changed); {@code appliedAt} ISO-8601 or null.
     */
    public record HistoryEntry(String version, String name, String status, String kind, String appliedAt,
                               String appliedBy, Long executionTimeMs, String source) {

        public String displayName() {
            return version + "_" + name;
        }
    }

    /**
     * A pending migration. {@code sql} is the up file's text (null for a Java migration);
     * {@code touches} the objects it creates, alters or drops ("ALTER TABLE public.users");
     * {@code warnings} its destructive changes; {@code unreadable} statements the interpreter could not read;
     * {@code lint} what confiture-lint says of it ({@link LintResult#NONE} for a Java migration).
     */
    public record PendingChange(String version, String name, String file, String sql, List<String> touches,
                                List<String> warnings, List<String> unreadable, LintResult lint) {
        public PendingChange {
            touches = List.copyOf(touches);
            warnings = List.copyOf(warnings);
            unreadable = List.copyOf(unreadable);
            lint = lint == null ? LintResult.NONE : lint;
        }

        public String displayName() {
            return version + "_" + name;
        }
    }

    /**
     * Lint's verdict on one pending migration, judged against the schema before it for PostgreSQL
     * {@code postgresVersion}: its findings, those an ignore comment silenced (with the reason), or
     * {@code error} when lint could not judge it (an ignore comment without a reason).
     */
    public record LintResult(int postgresVersion, List<Finding> findings, List<Finding> ignored, String error) {
        /** Not linted: a Java migration. */
        public static final LintResult NONE = new LintResult(0, List.of(), List.of(), null);

        public LintResult {
            findings = List.copyOf(findings);
            ignored = List.copyOf(ignored);
        }

        public long count(Severity severity) {
            return findings.stream().filter(f -> f.level() == severity).count();
        }
    }

    /** A goal's latest JSON report: overall status, when it was written, and each check with its findings. */
    public record CheckResult(String goal, String status, String writtenAt, List<Check> checks) {
        public CheckResult {
            checks = List.copyOf(checks);
        }
    }

    /** One check of a goal's report. */
    public record Check(String name, String status, String summary, List<String> findings) {
        public Check {
            findings = List.copyOf(findings);
        }
    }

    /** {@code source} says where the model came from ("the database catalog", "the schema files"). */
    public record SchemaPicture(String source, List<String> notes, ErDiagram diagram) {
        public SchemaPicture {
            notes = List.copyOf(notes);
        }
    }
}
