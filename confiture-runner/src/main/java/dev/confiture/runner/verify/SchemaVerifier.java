package dev.confiture.runner.verify;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.confiture.diff.Difference;
import dev.confiture.diff.OwnObjects;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.runner.MigrationFailure;
import dev.confiture.runner.MigrationListener;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.RunSettings;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.jdbc.Connections;
import dev.confiture.runner.migration.FileChange;
import dev.confiture.runner.migration.MigrationDiscovery;
import dev.confiture.runner.migration.MigrationKind;
import dev.confiture.runner.migration.MigrationLocation;
import dev.confiture.runner.migration.MigrationStatements;
import dev.confiture.runner.migration.MigrationTexts;
import dev.confiture.runner.migration.RepeatableMigration;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.MigrationOutcome;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;
import dev.confiture.runner.shadow.ScratchDatabases;

/**
 * {@code confiture:verify} as a library: proves, in throwaway databases, that the migrations and the
 * schema files agree and that every down migration undoes its up.
 *
 * <ol>
 * <li>{@code checksum} (only with a live database): the applied migrations recorded there match the
 *     files, as the runner's status sees them (modified or missing ones are findings).</li>
 * <li>{@code drift}: database A replays every migration from zero through the {@link MigrationRunner}
 *     (SQL and Java, with its tracking table, which the catalog reading leaves out); database B is
 *     built from the schema files in one transaction; the two catalogs are compared and every
 *     differing object listed. The catalog is also read before each migration whose down is checked
 *     (a reversible one): those snapshots are what the down check compares with, so nothing is replayed
 *     twice.</li>
 * <li>{@code down}: in A, the down migrations run newest first; after each the catalog must equal the
 *     snapshot taken before that migration's up. A migration without a down is reported as
 *     irreversible (a warning, an error with {@code requireReversible}); the migrations below it, and
 *     below a down that failed, are checked in a fresh database replayed up to them, so one bad
 *     migration neither hides nor blames the others.</li>
 * <li>{@code data} (the data round trip): before each up, every empty table of A gets a few generated
 *     rows ({@link SampleRows}) and the contents of all tables are read ({@link DataSnapshot}); after
 *     that migration's down they are read again and must still hold every row and value
 *     ({@link DataComparison}). A down that loses data is handled like one that does not restore the
 *     catalog. Tables that took no row are listed as not checked for data. When an up fails once the
 *     tables hold rows (an {@code ADD COLUMN ... NOT NULL} without a default), that is a warning and
 *     the migrations are replayed again on empty tables for the other checks.</li>
 * </ol>
 * Every scratch database is dropped at the end, also when a check or the run failed.
 */
public final class SchemaVerifier {

    private final ScratchDatabases scratch;
    private final String scratchDescription;

    /**
     * Catalogs are read by the product's one catalog reader and compared by its one diff engine
     * ({@link SchemaDiff#differences}, the words validate uses too).
     *
     * @param scratch            where the throwaway databases are made
     * @param scratchDescription where that is, for the report (never with a password)
     */
    public SchemaVerifier(ScratchDatabases scratch, String scratchDescription) {
        this.scratch = scratch;
        this.scratchDescription = scratchDescription;
    }

    /** The default: scratch databases on the embedded PostgreSQL (started on first use, one per JVM). */
    public static SchemaVerifier embedded() {
        return new SchemaVerifier(ScratchDatabases.embedded(), "embedded PostgreSQL");
    }

    /** Scratch databases on the server behind {@code admin} ({@code confiture.shadowUrl}; its user needs CREATEDB). */
    public static SchemaVerifier onServer(DatabaseSettings admin) {
        return new SchemaVerifier(ScratchDatabases.on(admin), admin.describe());
    }

    public VerifyReport verify(VerifyOptions options) {
        long start = System.nanoTime();
        // Every location migrate reads (folders and classpath: jars), so the replay is what migrate would apply.
        List<ResolvedMigration> migrations = MigrationDiscovery.discover(options.sqlLocations(),
                options.includeScope(), options.javaClassLoader(), options.javaPackage());
        // What migrate and validate refuse, verify refuses too, before any scratch database is made.
        MigrationTexts texts = new MigrationTexts();
        MigrationStatements.refuseForbidden(migrations, true, true, "nothing was verified", texts);
        MigrationStatements.refuseUnknownPlaceholders(migrations, true, true, options.placeholders(), texts);
        List<VerifyCheck> checks = new ArrayList<>();
        checks.add(options.liveDatabase() == null
                ? VerifyCheck.skipped(VerifyCheck.CHECKSUM, "no live database checked (confiture.checkDatabase=false)")
                : checksums(options));
        Run run = new Run(options, migrations, texts);
        try {
            run.checkDriftAndDowns(checks);
        } catch (RuntimeException | Error e) {
            // The cause is what the user needs: a drop that fails as well (the server crashed or ran out
            // of disk, which is what failed the replay) is suppressed into it, not thrown in its place.
            try {
                run.dropDatabases();
            } catch (RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
        try {
            run.dropDatabases();
        } catch (RuntimeException dropFailure) {
            if (checks.stream().noneMatch(VerifyCheck::failed)) {
                throw dropFailure; // nothing else went wrong: the database left behind is the news
            }
            // A check failed (its server died under the replay, say), and its finding says why: that
            // verdict is the result, and what could not be dropped after it is said beside it.
            options.log().accept("Could not drop every scratch database; drop what is left by hand: "
                    + dropFailure.getMessage());
        }
        checks.add(run.dataCheck());
        if (options.projectDir() != null) {
            checks.replaceAll(c -> relative(c, options.projectDir()));
        }
        boolean failed = checks.stream().anyMatch(VerifyCheck::failed);
        return new VerifyReport(failed ? "failed" : "passed", options.environment(), scratchDescription,
                migrations.size(), options.schemaFiles().size(), checks, run.notCheckedForData(), (System.nanoTime() - start) / 1_000_000);
    }

    // ---------------------------------------------------------------- checksum

    /** The runner's own view of the live database: applied rows whose file changed or vanished. */
    private VerifyCheck checksums(VerifyOptions o) {
        o.log().accept("Checking the applied migrations of " + o.liveDatabase().describe() + " against the files");
        StatusReport status = new MigrationRunner(runnerConfig(o, o.liveDatabase()), null).status();
        List<VerifyFinding> findings = new ArrayList<>();
        for (StatusEntry e : status.migrations()) {
            String name = e.version() + "_" + e.name();
            if (e.status().equals("modified")) {
                findings.add(VerifyFinding.error(null, name, e.source(), null, "migration " + name
                        + " was changed after it was applied to " + o.liveDatabase().describe()
                        + " (checksum differs): restore the applied version and put the change in a new migration",
                        "checksum recorded when applied", "checksum of the file now"));
            } else if (e.status().equals(FileChange.DOWN_EDITED.status()) || e.status().equals(FileChange.DOWN_DELETED.status())) {
                // Only the down file changed: what was applied still matches; rollback uses the down file as it is now.
                String down = ResolvedMigration.downFileOf(Path.of(e.source())).toString();
                findings.add(new VerifyFinding(VerifyFinding.WARNING, null, name, down, null, "the down file " + down
                        + " of migration " + name + ", applied to " + o.liveDatabase().describe() + ", was "
                        + (e.status().equals(FileChange.DOWN_DELETED.status()) ? "deleted" : "edited or added")
                        + " since it was applied", "down file as applied",
                        e.status().equals(FileChange.DOWN_DELETED.status()) ? Difference.ABSENT : "down file changed"));
            } else if (e.status().equals("missing")) {
                findings.add(VerifyFinding.error(null, name, null, null, "migration " + name + " is applied to "
                        + o.liveDatabase().describe() + " but its file is missing from " + (o.locations().isEmpty() ? o.migrationsDir()
                                : String.join(", ", o.locations().stream().map(l -> l.spec()).distinct().toList())),
                        "applied", Difference.ABSENT));
            }
        }
        return VerifyCheck.of(VerifyCheck.CHECKSUM, status.applied() + status.modified() + status.missing()
                + " applied migration(s) of " + o.liveDatabase().describe() + " checked against the files", findings);
    }

    private static RunnerConfig runnerConfig(VerifyOptions o, DatabaseSettings database) {
        // The environment's placeholders, so the replay runs what migrate runs; not its session settings or
        // callbacks, which are about the environment's database (a role, grants), not a scratch one.
        return new RunnerConfig(database, o.migrationsDir(), o.trackingTable(), o.javaClassLoader(), o.javaPackage(),
                RunnerConfig.DEFAULT_LOCK_TIMEOUT, o.includeScope(),
                new RunSettings(o.environment(), o.placeholders(), java.util.List.of(), null), o.locations());
    }

    // ---------------------------------------------------------------- drift and downs

    /** One verification: its migrations, the catalog snapshots and the databases it made. */
    private final class Run {
        private final VerifyOptions o;
        private final List<ResolvedMigration> migrations;
        /** The files' texts, read and cut once by verify's own checks, for every runner of the run. */
        private final MigrationTexts texts;
        private final List<DatabaseSettings> created = new ArrayList<>();
        /** Every scratch database of the run as a {@link Database}, whose session is closed before the drops. */
        private final List<Database> databases = new ArrayList<>();
        /** Drops started before the end (the schema files' database, once its catalog is read). */
        private final List<CompletableFuture<Void>> earlyDrops = new ArrayList<>();
        /**
         * A thread per database being made or dropped at the same time. Not the common pool: on two
         * cores it has one thread, shared with whatever else the JVM runs, and drops queued there ran
         * one after the other, while each DROP DATABASE forces a checkpoint that drops at the same time
         * share (adventureworks' two scratch databases: 206 to 227 ms one after the other, 49 to 113 ms
         * at once).
         */
        private final ExecutorService databaseWork = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "confiture-verify-scratch-database");
            t.setDaemon(true);
            return t;
        });
        /**
         * snapshots.get(i): the catalog with the first i migrations applied (0: the empty database); null
         * when nothing compares with it ({@link #snapshotNeeded}).
         */
        private final List<SchemaModel> snapshots = new ArrayList<>();
        /**
         * The catalog once the repeatable migrations ran after every versioned one (null when none ran):
         * what the schema files are compared with. The objects they made are left out of the down check,
         * since rollback leaves repeatables alone.
         */
        private SchemaModel withRepeatables;
        private Set<String> repeatableObjects = Set.of();
        /** The data round trip is on (it goes off when a replay with rows fails, or rows cannot be read). */
        private boolean data;
        /** Why the data round trip stopped early (a warning and a line for the summary), or null. */
        private VerifyFinding dataStopped;
        private String dataStoppedSummary;
        private final List<VerifyFinding> dataFindings = new ArrayList<>();
        private final Set<String> orderReported = new HashSet<>();
        /** Tables that held rows before some up, and tables that took no row (with the reason). */
        private final Set<String> tablesWithRows = new TreeSet<>();
        private final Map<String, String> tablesWithoutRows = new TreeMap<>();
        private int downsCompared;

        Run(VerifyOptions o, List<ResolvedMigration> migrations, MigrationTexts texts) {
            this.o = o;
            this.migrations = migrations;
            this.texts = texts;
            this.data = o.dataRoundTrip();
        }

        void checkDriftAndDowns(List<VerifyCheck> checks) {
            // The schema files are built in B on a thread of their own while A replays the migrations:
            // two loads of the same schema are most of the time verify takes.
            o.log().accept("Replaying " + migrations.size() + " migration(s) from zero and building the "
                    + o.schemaFiles().size() + " schema file(s), in two scratch databases (" + scratchDescription + ")");
            List<Database> ab = newDatabases(2);
            Database a = ab.get(0);
            Database b = ab.get(1);
            ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "confiture-verify-schema-files");
                t.setDaemon(true);
                return t;
            });
            Future<SchemaModel> built;
            ConfitureException replayFailure;
            try {
                built = builder.submit(() -> {
                    try {
                        SchemaFiles.apply(b.settings, o.schemaFiles());
                        return b.read();
                    } finally {
                        b.closeSession();
                        dropEarly(b.settings);
                    }
                });
                Future<SchemaModel> files = built;
                builder.submit(() -> warmUpDiff(files));
                replayFailure = a.migrateRecording(null);
                if (replayFailure != null && data && a.heldRows) {
                    a = replayedWithoutRows(replayFailure);
                    replayFailure = a.replayFailure;
                }
                if (!rolledBackIn(snapshots.size() - 1)) {
                    // Every catalog the checks need from A is read: its drop overlaps the comparison.
                    a.closeSession();
                    dropEarly(a.settings);
                }
            } finally {
                builder.shutdown();
            }
            List<VerifyFinding> drift = new ArrayList<>();
            if (replayFailure != null) {
                ResolvedMigration failed = migrations.get(snapshots.size() - 1); // the first not snapshotted
                drift.add(VerifyFinding.error(null, failed.displayName(), location(replayFailure, failed.source()),
                        lineOf(replayFailure), "migration " + failed.displayName()
                                + " fails on an empty database after the ones before it: "
                                + withoutAftermath(replayFailure), null, null));
            }
            SchemaModel fromFiles = null;
            try {
                fromFiles = await(built);
            } catch (ConfitureException e) {
                if (!e.isFinding()) {
                    throw e;
                }
                drift.add(VerifyFinding.error(null, null, e.file() == null ? null : e.file().toString(),
                        e.line() > 0 ? e.line() : null, "the schema files do not build: " + e.bareMessage(), null, null));
            }
            String driftSummary;
            if (withRepeatables != null) {
                repeatableObjects = new HashSet<>();
                SchemaDiff.differences(last(), withRepeatables, OwnObjects.of(o.trackingTable()))
                        .forEach(d -> repeatableObjects.add(d.object().toString()));
            }
            if (replayFailure == null && fromFiles != null) {
                List<Difference> differences = SchemaDiff.differences(withRepeatables != null ? withRepeatables : last(),
                        fromFiles, OwnObjects.of(o.trackingTable()));
                for (Difference d : differences) {
                    // the words validate uses for the same difference
                    drift.add(VerifyFinding.error(d.object().toString(), null, null, null,
                            d.describe("the migrations", "the schema files"), "schema files: " + d.to(), "migrations: " + d.from()));
                }
                driftSummary = migrations.size() + " migration(s) replayed and " + o.schemaFiles().size()
                        + " schema file(s) built: " + (differences.isEmpty() ? "same catalog"
                        : differences.size() + " difference(s)");
            } else {
                driftSummary = "could not compare: " + (replayFailure != null ? "a migration fails" : "the schema files fail");
            }
            checks.add(VerifyCheck.of(VerifyCheck.DRIFT, driftSummary, drift));

            int applied = snapshots.size() - 1;
            if (applied <= 0) {
                checks.add(VerifyCheck.skipped(VerifyCheck.DOWN, replayFailure == null
                        ? "no migrations" : "no migration applied: nothing to roll back"));
                return;
            }
            o.log().accept("Rolling back " + applied + " migration(s) one by one, comparing each with the catalog before its up");
            checks.add(checkDowns(a, applied - 1, replayFailure != null));
        }

        /**
         * The builder thread, once the files' catalog is read, waits for the replay: it spends that wait
         * running the diff engine once (its classes and first calls cost a cold JVM about as much as a
         * catalog read), so that the comparison that follows runs warm. Its result is thrown away.
         */
        private void warmUpDiff(Future<SchemaModel> files) {
            try {
                SchemaDiff.differences(SchemaModel.empty(), files.get(), OwnObjects.of(o.trackingTable()))
                        .forEach(d -> d.describe("the migrations", "the schema files"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | RuntimeException e) {
                // the build's own failure is reported where its result is awaited
            }
        }

        /**
         * An up failed in a database whose tables held generated rows: the replay is done again on
         * empty tables, without the data round trip, for the catalog checks. If the migration passes
         * there, its failure with rows is the data check's warning; if not, it is the drift finding.
         */
        private Database replayedWithoutRows(ConfitureException withRows) {
            int failedAt = snapshots.size() - 1;
            ResolvedMigration failed = migrations.get(failedAt);
            o.log().accept("  " + failed.displayName() + " fails once the tables hold rows: replaying again on empty tables");
            data = false;
            snapshots.clear();
            withRepeatables = null;
            Database again = newDatabase();
            again.replayFailure = again.migrateRecording(null);
            if (again.replayFailure == null || snapshots.size() - 1 > failedAt) {
                dataStopped = new VerifyFinding(VerifyFinding.WARNING, null, failed.displayName(),
                        location(withRows, failed.source()), lineOf(withRows), "migration " + failed.displayName()
                        + " fails once the tables hold rows (generated by verify), though it passes on empty tables: "
                        + withoutAftermath(withRows) + "; the data round trip was not done", null, null);
                dataStoppedSummary = "not done: a migration fails once the tables hold rows";
            }
            return again;
        }

        /** The data round trip's check: what the downs lost, column orders they left changed, or why it did not run. */
        VerifyCheck dataCheck() {
            if (!o.dataRoundTrip()) {
                return VerifyCheck.skipped(VerifyCheck.DATA, "the data round trip is turned off");
            }
            if (dataStopped != null) {
                // What was found before it stopped still counts.
                List<VerifyFinding> findings = new ArrayList<>(dataFindings);
                findings.add(dataStopped);
                boolean lost = findings.stream().anyMatch(VerifyFinding::fails);
                return new VerifyCheck(VerifyCheck.DATA, lost ? "failed" : "skipped", dataStoppedSummary, findings);
            }
            if (downsCompared == 0) {
                return new VerifyCheck(VerifyCheck.DATA, "skipped", data ? "no down migration compared with rows before its up"
                        : "not done: a migration fails", dataFindings);
            }
            return VerifyCheck.of(VerifyCheck.DATA, tablesWithRows.size() + " table(s) with rows, " + downsCompared
                    + " down migration(s) compared with the rows before their up"
                    + (notCheckedForData().isEmpty() ? "" : ", " + notCheckedForData().size() + " table(s) not checked"),
                    dataFindings);
        }

        List<UncheckedTable> notCheckedForData() {
            if (!o.dataRoundTrip() || dataStopped != null) {
                return List.of();
            }
            List<UncheckedTable> out = new ArrayList<>();
            tablesWithoutRows.forEach((table, reason) -> {
                if (!tablesWithRows.contains(table)) {
                    out.add(new UncheckedTable(table, reason));
                }
            });
            return out;
        }

        /** Down migrations from index {@code top} to 0, newest first, in {@code db} where 0..top are applied. */
        private VerifyCheck checkDowns(Database db, int top, boolean partial) {
            List<VerifyFinding> findings = new ArrayList<>();
            int checked = 0;
            int irreversible = 0;
            while (top >= 0) {
                int lowest = top;
                while (lowest >= 0 && migrations.get(lowest).reversible()) {
                    lowest--;
                }
                int barrier = lowest; // the irreversible one below the run of reversible ones, or -1
                if (lowest < top) {
                    DownOutcome outcome = db.rollBack(top, top - lowest, findings);
                    checked += outcome.checked;
                    if (outcome.stoppedAt >= 0) {
                        barrier = outcome.stoppedAt;
                    }
                }
                if (barrier >= 0 && barrier == lowest) {
                    irreversible++;
                    ResolvedMigration m = migrations.get(barrier);
                    String message = "migration " + m.displayName() + " is irreversible: " + (m.kind() == MigrationKind.SQL
                            ? "there is no " + m.upFile().getFileName().toString().replace(".up.sql", ".down.sql")
                            : m.javaClass().getName() + " does not implement down()");
                    findings.add(new VerifyFinding(o.requireReversible() ? VerifyFinding.ERROR : VerifyFinding.WARNING,
                            null, m.displayName(), m.source(), null,
                            message + (o.requireReversible() ? " (confiture.requireReversible=true)" : ""), null, null));
                }
                if (barrier <= 0) {
                    break;
                }
                // Below a migration that cannot be (or was not cleanly) undone: a fresh database with
                // everything under it applied, so the older downs are checked from their own state.
                top = barrier - 1;
                db = newDatabase();
                ConfitureException e = db.migrateTo(migrations.get(top));
                if (e != null) {
                    throw new ConfitureException("VERIFY_REPLAY_FAILED", "Replaying the migrations up to "
                            + migrations.get(top).displayName() + " a second time failed, although the first replay passed: "
                            + e.getMessage() + ". Do the migrations depend on something outside the database (time, randomness)?", e);
                }
            }
            String summary = checked + " down migration(s) checked against the catalog before their up"
                    + (irreversible > 0 ? ", " + irreversible + " irreversible" : "")
                    + (partial ? " (only the migrations that applied)" : "");
            return VerifyCheck.of(VerifyCheck.DOWN, summary, findings);
        }

        /**
         * Whether the down check rolls back in the replay's database once {@code applied} migrations are
         * applied there: only when the newest of them is reversible (below an irreversible one,
         * {@link #checkDowns} replays in a fresh database).
         */
        private boolean rolledBackIn(int applied) {
            if (applied <= 0) {
                return false;
            }
            try {
                return migrations.get(applied - 1).reversible();
            } catch (RuntimeException e) {
                return true; // a Java migration that cannot be made: keep the database, its own run reports why
            }
        }

        private SchemaModel last() {
            return snapshots.get(snapshots.size() - 1);
        }

        /**
         * Whether the catalog with the first {@code applied} migrations applied is ever compared: before
         * a migration whose down is checked (a reversible one), and once every migration is applied (the
         * drift check). The others are not read (null in {@link #snapshots}, which still counts the
         * applied migrations): a catalog read costs as much as a small migration, and before an
         * irreversible first migration it was the only thing between the new database and the replay.
         */
        private boolean snapshotNeeded(int applied) {
            if (applied >= migrations.size()) {
                return true;
            }
            try {
                return migrations.get(applied).reversible();
            } catch (RuntimeException e) {
                return true; // a Java migration that cannot be made: its own run reports why
            }
        }

        private Database newDatabase() {
            DatabaseSettings settings = scratch.create();
            synchronized (created) {
                created.add(settings);
            }
            return registered(new Database(settings));
        }

        private Database registered(Database database) {
            synchronized (databases) {
                databases.add(database);
            }
            return database;
        }

        /**
         * {@code count} new scratch databases, made at the same time: on a busy server each
         * {@code CREATE DATABASE} takes about a second. Every one that was made is dropped at the
         * end, also when another one could not be made.
         */
        private List<Database> newDatabases(int count) {
            List<CompletableFuture<DatabaseSettings>> others = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                others.add(CompletableFuture.supplyAsync(scratch::create, databaseWork));
            }
            List<DatabaseSettings> made = new ArrayList<>();
            RuntimeException failure = null;
            try {
                made.add(scratch.create());
            } catch (RuntimeException e) {
                failure = e;
            }
            for (CompletableFuture<DatabaseSettings> other : others) {
                try {
                    made.add(other.join());
                } catch (CompletionException e) {
                    failure = firstOrSuppressed(failure, e.getCause() instanceof RuntimeException r ? r : e);
                }
            }
            synchronized (created) {
                created.addAll(made);
            }
            if (failure != null) {
                throw failure;
            }
            return made.stream().map(Database::new).map(this::registered).toList();
        }

        /**
         * Starts dropping a database nothing reads again (the schema files' one, once its catalog is read,
         * while the migrations still replay in the other): a DROP DATABASE forces a checkpoint and takes
         * a few hundred milliseconds, which at the end of the run came after everything else. Its
         * failure is reported by {@link #dropDatabases()}, as the other drops' are.
         */
        private void dropEarly(DatabaseSettings database) {
            synchronized (created) {
                if (created.remove(database)) {
                    earlyDrops.add(CompletableFuture.runAsync(() -> scratch.drop(database), databaseWork));
                }
            }
        }

        /** Drops every scratch database of the run, all at once (a DROP DATABASE takes a second or two on a busy server). */
        void dropDatabases() {
            synchronized (databases) {
                databases.forEach(Database::closeSession);
            }
            List<CompletableFuture<Void>> drops;
            List<DatabaseSettings> left;
            synchronized (created) {
                drops = new ArrayList<>(earlyDrops);
                earlyDrops.clear();
                left = new ArrayList<>(created);
                created.clear();
            }
            for (DatabaseSettings d : left) {
                drops.add(CompletableFuture.runAsync(() -> scratch.drop(d), databaseWork));
            }
            databaseWork.shutdown();
            RuntimeException first = null;
            for (CompletableFuture<Void> drop : drops) {
                try {
                    drop.join();
                } catch (CompletionException e) {
                    first = firstOrSuppressed(first, e.getCause() instanceof RuntimeException r ? r : e);
                }
            }
            if (first != null) {
                throw first;
            }
        }

        private static RuntimeException firstOrSuppressed(RuntimeException first, RuntimeException next) {
            if (first == null) {
                return next;
            }
            first.addSuppressed(next);
            return first;
        }

        /** A scratch database with a runner whose listener hooks the catalog snapshots and down checks. */
        private final class Database {
            private final DatabaseSettings settings;
            private final MigrationRunner runner;
            private Connection session;
            private MigrationListener hook = MigrationListener.NONE;
            /** dataBefore.get(i): the table contents just before the up of migration i (data round trip only). */
            private final Map<Integer, DataSnapshot> dataBefore = new HashMap<>();
            /** Some table held rows before an up. */
            private boolean heldRows;
            private ConfitureException replayFailure;

            Database(DatabaseSettings settings) {
                this.settings = settings;
                MigrationListener delegate = new MigrationListener() {
                    @Override
                    public void starting(ResolvedMigration migration, Direction direction, int index, int total) {
                        hook.starting(migration, direction, index, total);
                    }

                    @Override
                    public boolean startsBeforeEachRun() {
                        // the hooks read rows and the catalog before each up
                        return true;
                    }

                    @Override
                    public void finished(MigrationOutcome outcome, int index, int total) {
                        if (RepeatableMigration.KIND.equals(outcome.kind())) {
                            // After every versioned migration: not one of the snapshots the down check uses.
                            o.log().accept("  " + outcome.displayName() + " (repeatable)");
                            withRepeatables = read();
                            return;
                        }
                        hook.finished(outcome, index, total);
                    }
                };
                this.runner = new MigrationRunner(runnerConfig(o, settings), delegate).textsFrom(texts);
            }

            SchemaModel read() {
                try {
                    return new CatalogReader(o.trackingTable()).read(session());
                } catch (SQLException e) {
                    closeSession();
                    throw new ConfitureException("VERIFY_READ_FAILED", "Could not read the catalog of scratch database "
                            + settings.describe() + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    closeSession();
                    throw e;
                }
            }

            /**
             * Verify's own session on this database, for its catalog reads, generated rows and row
             * snapshots (the migrations run on the runner's connections). One connection per read started
             * a new backend, whose catalog caches were cold: the reads around each up and each down then
             * cost several times what they cost in a session that already made one.
             */
            private synchronized Connection session() throws SQLException {
                if (session == null) {
                    Connection c = Connections.open(settings);
                    try (Statement st = c.createStatement()) {
                        // A scratch database: no generated row needs to wait for its commit to reach the disk.
                        st.execute("SET synchronous_commit = off");
                    } catch (SQLException e) {
                        c.close();
                        throw e;
                    }
                    session = c;
                }
                return session;
            }

            /**
             * Closes the session (before the database is dropped, or after a failure in it); the next use
             * opens another. Synchronized: the end of a run that failed early may close the session of the
             * schema files' database while its own thread still uses it.
             */
            synchronized void closeSession() {
                if (session != null) {
                    try {
                        session.close();
                    } catch (SQLException ignored) {
                        // closing a session of a scratch database about to go: nothing is lost
                    }
                    session = null;
                }
            }

            /**
             * Applies every migration (or up to {@code target}), reading the catalog before the first
             * and after each; returns the error of a migration that failed (the first one without a
             * snapshot), or null.
             */
            ConfitureException migrateRecording(ResolvedMigration target) {
                snapshots.add(snapshotNeeded(0) ? read() : null);
                boolean[] running = {false};
                hook = new MigrationListener() {
                    @Override
                    public void starting(ResolvedMigration migration, Direction direction, int index, int total) {
                        recordRowsBefore(index - 1);
                        running[0] = true;
                        o.log().accept("  " + migration.displayName() + " up");
                    }

                    @Override
                    public void finished(MigrationOutcome outcome, int index, int total) {
                        running[0] = false;
                        snapshots.add(snapshotNeeded(snapshots.size()) ? read() : null);
                    }
                };
                try {
                    runner.migrate(target == null ? null : target.version().text(), false);
                    return null;
                } catch (ConfitureException e) {
                    if (!running[0]) {
                        throw e; // not a migration's own failure (connection, lock, tracking table)
                    }
                    return e;
                } finally {
                    hook = MigrationListener.NONE;
                }
            }

            /** Applies the migrations up to {@code target} without reading the catalog (the rows are, for the data round trip). */
            ConfitureException migrateTo(ResolvedMigration target) {
                hook = new MigrationListener() {
                    @Override
                    public void starting(ResolvedMigration migration, Direction direction, int index, int total) {
                        recordRowsBefore(index - 1);
                    }
                };
                try {
                    runner.migrate(target.version().text(), false);
                    return null;
                } catch (ConfitureException e) {
                    return e;
                } finally {
                    hook = MigrationListener.NONE;
                }
            }

            /** Before the up of migration {@code index}: rows into the empty tables, then every table's contents. */
            private void recordRowsBefore(int index) {
                if (!data) {
                    return;
                }
                long start = System.nanoTime();
                try {
                    Connection c = session();
                    List<UserTables.UserTable> tables = UserTables.list(c, o.trackingTable());
                    tablesWithoutRows.putAll(SampleRows.fillEmpty(c, tables));
                    DataSnapshot rows = DataSnapshot.read(c, tables);
                    List<String> filled = rows.tablesWithRows();
                    if (!tables.isEmpty()) {
                        o.log().accept("  rows in " + filled.size() + " of " + tables.size() + " table(s) before "
                                + migrations.get(index).displayName() + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
                    }
                    heldRows |= !filled.isEmpty();
                    tablesWithRows.addAll(filled);
                    dataBefore.put(index, rows);
                } catch (SQLException | RuntimeException e) {
                    closeSession();
                    dataBroken(e);
                }
            }

            /** The rows after a down, or null when there is nothing to compare them with. */
            private DataSnapshot rowsAfterDown(int index) {
                if (!data || !dataBefore.containsKey(index)) {
                    return null;
                }
                try {
                    Connection c = session();
                    return DataSnapshot.read(c, UserTables.list(c, o.trackingTable()));
                } catch (SQLException | RuntimeException e) {
                    closeSession();
                    dataBroken(e);
                    return null;
                }
            }

            /** Our own reading failed, on a schema we did not foresee: the other checks still run. */
            private void dataBroken(Exception e) {
                data = false;
                dataStopped = new VerifyFinding(VerifyFinding.WARNING, null, null, null, null,
                        "the data round trip could not read or fill the tables of " + settings.describe() + ": "
                                + e.getMessage() + (e instanceof SQLException sql ? " [SQLState " + sql.getSQLState() + "]" : "")
                                + "; it was not done", null, null);
                dataStoppedSummary = "not done: the tables could not be read or filled";
            }

            /**
             * Rolls back {@code count} migrations from index {@code top} down, comparing the catalog after
             * each down with the snapshot before its up; stops at the first down that fails or differs.
             */
            DownOutcome rollBack(int top, int count, List<VerifyFinding> findings) {
                int[] current = {-1};
                int[] checked = {0};
                hook = new MigrationListener() {
                    @Override
                    public void starting(ResolvedMigration migration, Direction direction, int index, int total) {
                        current[0] = top - (index - 1);
                        o.log().accept("  " + migration.displayName() + " down");
                    }

                    @Override
                    public void finished(MigrationOutcome outcome, int index, int total) {
                        int i = current[0];
                        ResolvedMigration m = migrations.get(i);
                        checked[0]++;
                        List<Difference> differences = SchemaDiff.differences(read(), snapshots.get(i),
                                OwnObjects.of(o.trackingTable())).stream()
                                .filter(d -> !repeatableObjects.contains(d.object().toString())).toList();
                        if (!differences.isEmpty()) {
                            for (Difference d : differences) {
                                findings.add(VerifyFinding.error(d.object().toString(), m.displayName(), downSource(m),
                                        null, "the down of " + m.displayName() + " does not undo its up: "
                                                + d.describe("after the down", "before the up"),
                                        "before the up: " + d.to(), "after the down: " + d.from()));
                            }
                            throw new StopRollback(i);
                        }
                        DataSnapshot after = rowsAfterDown(i);
                        if (after != null) {
                            downsCompared++;
                            List<VerifyFinding> lost = DataComparison.compare(dataBefore.get(i), after, m.displayName(),
                                    downSource(m), orderReported);
                            dataFindings.addAll(lost);
                            if (lost.stream().anyMatch(VerifyFinding::fails)) {
                                throw new StopRollback(i); // the downs below would inherit the loss
                            }
                        }
                    }
                };
                try {
                    runner.rollback(count, null, false);
                    return new DownOutcome(checked[0], -1);
                } catch (StopRollback stop) {
                    return new DownOutcome(checked[0], stop.index);
                } catch (ConfitureException e) {
                    int i = current[0];
                    if (i < 0) {
                        throw e; // not a down's own failure
                    }
                    ResolvedMigration m = migrations.get(i);
                    findings.add(VerifyFinding.error(null, m.displayName(), location(e, downSource(m)), lineOf(e),
                            "the down of " + m.displayName() + " fails: " + withoutAftermath(e), null, null));
                    return new DownOutcome(checked[0] + 1, i);
                } finally {
                    hook = MigrationListener.NONE;
                }
            }
        }
    }

    private record DownOutcome(int checked, int stoppedAt) {
    }

    /** Ends a rollback at the first down that does not restore the catalog: what follows would inherit its leftovers. */
    private static final class StopRollback extends RuntimeException {
        private final int index;

        StopRollback(int index) {
            super(null, null, false, false);
            this.index = index;
        }
    }

    /** Findings name files relative to the project, as the build log of a multi-module build wants. */
    private static VerifyCheck relative(VerifyCheck check, Path projectDir) {
        List<VerifyFinding> findings = new ArrayList<>();
        for (VerifyFinding f : check.findings()) {
            String file = f.file();
            if (file != null && file.indexOf('/') >= 0 || file != null && file.indexOf('\\') >= 0) {
                Path path = Path.of(file);
                if (path.isAbsolute() && path.startsWith(projectDir)) {
                    file = projectDir.relativize(path).toString();
                }
            }
            findings.add(new VerifyFinding(f.severity(), f.object(), f.migration(), file, f.line(), f.message(),
                    f.expected(), f.actual()));
        }
        return new VerifyCheck(check.name(), check.status(), check.summary(), findings);
    }

    private static SchemaModel await(Future<SchemaModel> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfitureException("VERIFY_INTERRUPTED", "Interrupted while building the schema files", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ConfitureException("VERIFY_SCHEMA_FAILED", "Could not build the schema files: " + e.getCause(), e.getCause());
        }
    }

    /** The runner's note on what stays applied concerns a real database, not a scratch replay. */
    private static String withoutAftermath(ConfitureException e) {
        if ("LOCK_LOST".equals(e.code()) && e.getCause() instanceof ConfitureException whatFailed) {
            // The session ended under the migration (its server crashed or ran out of disk): what failed
            // is the finding; the runner's advice about the lock and confiture:status is for a live
            // database that other runners share, not for a scratch one.
            if (whatFailed instanceof MigrationFailure failure) {
                return failure.failure();
            }
            String message = whatFailed.bareMessage();
            int aftermath = message.indexOf("\n  "); // a lost connection's advice follows on indented lines
            return aftermath < 0 ? message : message.substring(0, aftermath);
        }
        return e instanceof MigrationFailure failure ? failure.failure() : e.bareMessage();
    }

    private static String downSource(ResolvedMigration m) {
        // a jar's file as shared-migrations-1.0.jar!/db/shared/002_x.down.sql, as status shows it
        return m.kind() == MigrationKind.SQL ? MigrationLocation.display(m.downFile()) : m.javaClass().getName();
    }

    private static String location(ConfitureException e, String fallback) {
        Path file = e.file();
        return file != null ? MigrationLocation.display(file) : fallback;
    }

    private static Integer lineOf(ConfitureException e) {
        return e.line() > 0 ? e.line() : null;
    }
}
