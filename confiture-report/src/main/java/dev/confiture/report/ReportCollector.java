package dev.confiture.report;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import dev.confiture.diff.OwnObjects;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.lint.LintEngine;
import dev.confiture.lint.LintMigration;
import dev.confiture.lint.LintReport;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.ConfitureException;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.Diagnostic;
import dev.confiture.sql.ddl.InterpretResult;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.sql.ddl.TouchedObject;
import dev.confiture.model.files.SqlFiles;
import dev.confiture.model.files.Utf8Text;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.report.ReportModel.HistoryEntry;
import dev.confiture.report.diagram.ErLayout;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.runner.db.AppliedMigration;
import dev.confiture.jdbc.Connections;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.runner.migration.MigrationKind;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;

/**
 * Gathers a {@link ReportModel}: reads the tracking table and the catalog when the database answers
 * (read only: it creates nothing, takes no lock), and otherwise works from the files alone and says
 * so. The schema picture and the pending migrations' analysis need no database.
 */
public final class ReportCollector {

    private final ReportRequest request;
    private final Consumer<String> progress;

    /** {@code progress} receives a line per long step (reading the catalog, laying out the diagram). */
    public ReportCollector(ReportRequest request, Consumer<String> progress) {
        this.request = request;
        this.progress = progress == null ? line -> { } : progress;
    }

    public ReportModel collect() {
        MigrationRunner runner = new MigrationRunner(request.runner(), null);
        List<ResolvedMigration> onDisk = runner.discover();
        DatabaseView db = readDatabase(runner);
        // The picture (schema files through the interpreter, then ELK) and the replay of the migrations
        // for the pending ones are independent and the two longest steps: they run side by side.
        CompletableFuture<ReportModel.SchemaPicture> picture = CompletableFuture.supplyAsync(() -> schemaPicture(db.catalog));
        ReportModel.History history = db.status == null ? filesOnly(onDisk, db.note) : fromDatabase(db);
        List<ReportModel.PendingChange> pending = pendingChanges(onDisk, history, db.postgresVersion);
        List<ReportModel.CheckResult> checks = CheckResults.read(request.resultsDir());
        ReportModel.SchemaPicture schema = join(picture);
        String database = request.runner().database() == null ? "(none configured)"
                : request.runner().database().displayUrl();
        ReportModel.EnvironmentSummary env = new ReportModel.EnvironmentSummary(request.environmentName(), database,
                relative(request.runner().migrationsDir()), runner.trackingTable().name().display(),
                request.projectDir().getFileName() == null ? "" : request.projectDir().getFileName().toString());
        return new ReportModel(env, Instant.now(request.clock()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), history, pending, checks, schema);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * What the database said: the status and rows of the tracking table, its catalog and major version
     * (what lint judges for); or why it said nothing.
     */
    private record DatabaseView(StatusReport status, List<AppliedMigration> rows, SchemaModel catalog,
                                int postgresVersion, String note) {
        static DatabaseView silent(String note) {
            return new DatabaseView(null, List.of(), null, DEFAULT_POSTGRES_VERSION, note);
        }
    }

    /** The major version lint judges for without a database, as {@code confiture:lint} does. */
    static final int DEFAULT_POSTGRES_VERSION = 15;

    private DatabaseView readDatabase(MigrationRunner runner) {
        if (request.runner().database() == null) {
            return DatabaseView.silent("no database is configured for this environment");
        }
        try {
            StatusReport status = runner.status();
            try (Connection c = Connections.open(request.runner().database())) {
                TrackingTable tracking = new TrackingTable(request.runner().trackingTable()).resolve(c);
                List<AppliedMigration> rows = tracking.applied(c);
                progress.accept("Reading the catalog of " + request.runner().database().describe());
                SchemaModel catalog = new CatalogReader(tracking.name().display()).read(c);
                return new DatabaseView(status, rows, catalog, c.getMetaData().getDatabaseMajorVersion(), null);
            }
        } catch (ConfitureException e) {
            // Connections never put the password in a message; the URL in it is masked.
            return DatabaseView.silent("the database did not answer (" + e.getMessage() + ")");
        } catch (SQLException e) {
            return DatabaseView.silent("the database did not answer (" + e.getMessage() + ", SQLState "
                    + e.getSQLState() + ")");
        }
    }

    private ReportModel.History fromDatabase(DatabaseView db) {
        Map<String, AppliedMigration> rows = new HashMap<>();
        db.rows.forEach(r -> rows.put(r.version(), r));
        List<HistoryEntry> entries = new ArrayList<>();
        for (StatusEntry s : db.status.migrations()) {
            AppliedMigration row = rows.get(s.version());
            entries.add(new HistoryEntry(s.version(), s.name(), s.status(), s.kind(), s.appliedAt(),
                    row == null ? null : row.appliedBy(), row == null ? null : row.executionTimeMs(),
                    s.source() == null ? null : relative(Path.of(s.source()))));
        }
        StatusReport s = db.status;
        return new ReportModel.History(true, null, entries, s.applied(), s.pending(), s.modified(), s.missing());
    }

    private ReportModel.History filesOnly(List<ResolvedMigration> onDisk, String note) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (ResolvedMigration m : onDisk) {
            entries.add(new HistoryEntry(m.version().text(), m.name(), "pending", m.kind().column(), null, null, null,
                    m.kind() == MigrationKind.SQL ? relative(m.upFile()) : m.source()));
        }
        return new ReportModel.History(false, "From the files alone: " + note + ". Applied migrations cannot be told"
                + " from pending ones, so every migration on disk is listed as pending.", entries, 0, entries.size(), 0, 0);
    }

    /**
     * Each pending migration with its SQL, the objects it touches, its destructive changes and its lint
     * findings: the migrations are replayed through the DDL interpreter in version order, and each
     * pending one is diffed and linted against the model just before it, so a DROP COLUMN shows as the
     * same warning {@code confiture:diff} would give and an index build as {@code confiture:lint} judges it.
     * With the database, the tables created by pending migrations are new to lint (nobody uses them
     * yet), as with {@code confiture:lint -Dconfiture.pending=true}; from the files alone nothing is
     * known to be unapplied, so only tables created in the same migration are, as with plain
     * {@code confiture:lint}.
     */
    private List<ReportModel.PendingChange> pendingChanges(List<ResolvedMigration> onDisk, ReportModel.History history,
                                                           int postgresVersion) {
        Set<String> pendingVersions = new LinkedHashSet<>();
        history.entries().stream().filter(e -> "pending".equals(e.status())).forEach(e -> pendingVersions.add(e.version()));
        List<ReportModel.PendingChange> out = new ArrayList<>();
        if (pendingVersions.isEmpty()) {
            return out;
        }
        progress.accept("Replaying " + onDisk.size() + " migration(s) to judge the " + pendingVersions.size() + " pending one(s)");
        Map<String, String> pendingSql = new HashMap<>();
        for (ResolvedMigration m : onDisk) {
            if (m.kind() == MigrationKind.SQL && pendingVersions.contains(m.version().text())) {
                pendingSql.put(m.version().text(), Utf8Text.read(m.upFile(), "MIGRATION_UNREADABLE"));
            }
        }
        // What a migration touches needs only its text: it is read in a task of its own while the
        // migrations are replayed (a baseline's is a second interpretation of it: 620 KB on musicbrainz).
        CompletableFuture<Map<String, DdlInterpreter.Touched>> touchedByVersion = CompletableFuture.supplyAsync(() -> {
            Map<String, DdlInterpreter.Touched> touched = new HashMap<>();
            pendingSql.forEach((version, sql) -> touched.put(version, DdlInterpreter.readTouchedObjects(sql)));
            return touched;
        });
        DdlInterpreter interpreter = new DdlInterpreter();
        OwnObjects own = OwnObjects.of(request.runner().trackingTable());
        SchemaModel model = SchemaModel.empty();
        LintEngine lint = new LintEngine();
        Set<QualifiedName> fresh = new java.util.HashSet<>();
        for (ResolvedMigration m : onDisk) {
            boolean pending = pendingVersions.contains(m.version().text());
            if (m.kind() != MigrationKind.SQL) {
                if (pending) {
                    out.add(new ReportModel.PendingChange(m.version().text(), m.name(), m.source(), null, List.of(),
                            List.of(), List.of("a Java migration: what it changes is known only when it runs"),
                            ReportModel.LintResult.NONE));
                }
                continue;
            }
            String sql = pending ? pendingSql.get(m.version().text()) : Utf8Text.read(m.upFile(), "MIGRATION_UNREADABLE");
            InterpretResult after = interpreter.interpretLenient(model, List.of(new SqlSource(relative(m.upFile()), sql)));
            if (pending) {
                DdlInterpreter.Touched touched = join(touchedByVersion).get(m.version().text());
                // Only a drop, an alter or a rename can destroy anything: a migration that creates (a
                // baseline of a whole schema) is not diffed, which on musicbrainz is most of the time.
                boolean onlyAdds = touched.unreadable().isEmpty() && touched.objects().stream()
                        .allMatch(t -> t.action() == TouchedObject.Action.CREATE || t.action() == TouchedObject.Action.COMMENT
                                || t.action() == TouchedObject.Action.GRANT);
                List<String> warnings = onlyAdds ? List.of() : SchemaDiff.compare(model, after.model(), own).warnings()
                        .stream().map(w -> w.replaceFirst("^destructive: ", "")).toList();
                List<String> touches = touches(touched.objects());
                List<String> unreadable = new ArrayList<>();
                for (Diagnostic d : touched.unreadable()) {
                    unreadable.add("line " + d.line() + ": " + d.message());
                }
                LintMigration linted = new LintMigration(m.upFile().getFileName().toString(), relative(m.upFile()), sql);
                out.add(new ReportModel.PendingChange(m.version().text(), m.name(), relative(m.upFile()), sql, touches,
                        warnings, unreadable, lint(lint, linted, model, after.model(), fresh, postgresVersion)));
                if (history.fromDatabase()) {
                    for (QualifiedName t : after.model().tables().keySet()) {
                        if (!model.tables().containsKey(t)) {
                            fresh.add(t);
                        }
                    }
                }
            }
            model = after.model();
        }
        return out;
    }

    /** Lint's findings on one migration; an ignore comment without a reason is shown, not thrown: the page is still made. */
    private static ReportModel.LintResult lint(LintEngine lint, LintMigration migration, SchemaModel before,
                                               SchemaModel after, Set<QualifiedName> fresh, int postgresVersion) {
        try {
            LintReport r = lint.lint(migration, before, after, fresh, postgresVersion);
            return new ReportModel.LintResult(postgresVersion, r.findings(), r.ignored(), null);
        } catch (ConfitureException e) {
            return new ReportModel.LintResult(postgresVersion, List.of(), List.of(), e.getMessage());
        }
    }

    /**
     * "ACTION KIND identity" per object, once each; the columns, constraints and ALTERs of a table the
     * migration creates are part of that CREATE TABLE and are not listed again.
     */
    static List<String> touches(List<TouchedObject> objects) {
        Set<String> created = new java.util.HashSet<>();
        for (TouchedObject t : objects) {
            if (t.action() == TouchedObject.Action.CREATE && t.object().kind() == dev.confiture.model.schema.ObjectRef.Kind.TABLE) {
                created.add(t.object().identity());
            }
        }
        // a set: a baseline migration touches thousands of objects, and a list's contains made this quadratic
        Set<String> out = new LinkedHashSet<>();
        for (TouchedObject t : objects) {
            String identity = t.object().identity();
            boolean partOfNewTable = switch (t.object().kind()) {
                case COLUMN, CONSTRAINT -> t.action() == TouchedObject.Action.CREATE
                        && created.contains(identity.substring(0, Math.max(0, identity.lastIndexOf('.'))));
                case TABLE -> t.action() == TouchedObject.Action.ALTER && created.contains(identity);
                default -> false;
            };
            String line = t.action() + " " + t.object().kind().sql() + " " + identity;
            if (!partOfNewTable) {
                out.add(line);
            }
        }
        return List.copyOf(out);
    }

    /** The catalog when the database answered and holds tables; else the schema files through the interpreter. */
    private ReportModel.SchemaPicture schemaPicture(SchemaModel catalog) {
        List<String> notes = new ArrayList<>();
        SchemaModel model;
        String source;
        if (catalog != null && !catalog.tables().isEmpty()) {
            model = catalog;
            source = "the database catalog";
        } else {
            List<Path> files = SqlFiles.discover(request.schemaIncludes(), request.includeScope());
            progress.accept("Reading " + files.size() + " schema file(s)");
            List<SqlSource> sources = new ArrayList<>();
            for (Path f : files) {
                sources.add(new SqlSource(relative(f), Utf8Text.read(f, "SCHEMA_FILE_UNREADABLE")));
            }
            InterpretResult result = new DdlInterpreter().interpretLenient(SchemaModel.empty(), sources);
            model = result.model();
            source = "the schema files (" + files.size() + ")";
            if (catalog != null) {
                notes.add("The database holds no tables yet: the picture shows what the schema files describe.");
            }
            if (!result.problems().isEmpty()) {
                notes.add(result.problems().size() + " statement(s) of the schema files could not be read and are left out"
                        + " (first: " + result.problems().get(0) + ")");
            }
        }
        progress.accept("Laying out " + model.tables().size() + " table(s)");
        return new ReportModel.SchemaPicture(source, notes, ErLayout.layout(model));
    }

    private String relative(Path p) {
        if (p == null) {
            return null;
        }
        Path base = request.projectDir().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }
}
