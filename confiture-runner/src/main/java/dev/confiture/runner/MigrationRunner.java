package dev.confiture.runner;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.MigrationScript;
import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlStatements;
import dev.confiture.runner.MigrationListener.Direction;
import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;
import dev.confiture.runner.db.AppliedMigration;
import dev.confiture.jdbc.ConnectionSource;
import dev.confiture.jdbc.Connections;
import dev.confiture.runner.db.MigrationLock;
import dev.confiture.runner.db.SessionSearchPath;
import dev.confiture.runner.db.SessionSettings;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.runner.migration.CallbackEvent;
import dev.confiture.runner.migration.Callbacks;
import dev.confiture.runner.migration.FileChange;
import dev.confiture.runner.migration.JavaCallbacks;
import dev.confiture.runner.migration.JavaMigrations;
import dev.confiture.runner.migration.LocationFiles;
import dev.confiture.runner.migration.MigrationDiscovery;
import dev.confiture.runner.migration.MigrationKind;
import dev.confiture.runner.migration.MigrationStatements;
import dev.confiture.runner.migration.MigrationTexts;
import dev.confiture.model.migration.MigrationVersion;
import dev.confiture.sql.Placeholders;
import dev.confiture.runner.migration.RepeatableMigration;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.migration.SqlMigrationFiles;
import dev.confiture.runner.report.BaselineReport;
import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.MigrationOutcome;
import dev.confiture.runner.report.RepairReport;
import dev.confiture.runner.report.RollbackReport;
import dev.confiture.runner.report.RunnerText;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Applies, rolls back, baselines and reports migrations against one database (docs/migrations.md). Every changing operation takes the migration lock first, then reads the
 * tracking table and computes what to do, so two runners never apply the same migration.
 *
 * <pre>
 * MigrationRunner runner = new MigrationRunner(RunnerConfig.of(settings, Path.of("db/migrations")), listener);
 * MigrateReport report = runner.migrate(null, false);
 * </pre>
 */
public final class MigrationRunner {

    /** Progress lines on long runs: every this many migrations, or after this many ms without one. */
    static final int PROGRESS_EVERY = 100;
    static final long PROGRESS_MS = 5_000;

    /** How often a running migration is checked for sessions that block it. */
    static final Duration CHECK_BLOCKED_EVERY = Duration.ofSeconds(5);

    private final RunnerConfig config;
    private final MigrationListener listener;
    /** As configured until an operation resolves its schema on the database ({@link #start}). */
    private TrackingTable tracking;
    private Duration checkBlockedEvery = CHECK_BLOCKED_EVERY;
    private LockRetryPolicy lockRetryPolicy = LockRetryPolicy.DEFAULT;
    // The session an operation works in, set by start(): the lock (whose connection does the work),
    // the search_path to put back after each migration, and the watch over long migrations.
    private MigrationLock lock;
    private SessionSearchPath searchPath;
    private BlockedMigrationWatch watch;
    /** The placeholders with the built-ins of the session that {@link #start} opened. */
    private Placeholders placeholders;
    /** The callbacks of db/callbacks, and how they run on the session {@link #start} opened. */
    private Callbacks callbackFiles;
    private CallbackRunner callbacks;
    /** The texts of the migration and callback files of the operation {@link #start} began, each read once. */
    private MigrationTexts texts = new MigrationTexts();
    /** Where status and the locked work session get their connection: a new one, or a fleet's pool. */
    private ConnectionSource connections;

    public MigrationRunner(RunnerConfig config, MigrationListener listener) {
        this.config = config;
        this.listener = listener == null ? MigrationListener.NONE : listener;
        this.tracking = new TrackingTable(config.trackingTable());
        this.connections = ConnectionSource.direct(config.database());
    }

    /** Takes the connections of status and of the locked work session from {@code source} (a fleet's pool for the database). */
    public MigrationRunner connectionsFrom(ConnectionSource source) {
        this.connections = source;
        return this;
    }

    /** How {@code migrate} retries a migration that failed on a lock timeout ({@link LockRetries}). */
    public MigrationRunner lockRetries(LockRetryPolicy policy) {
        this.lockRetryPolicy = policy == null ? LockRetryPolicy.DEFAULT : policy;
        return this;
    }

    /** Tests make the blocked-migration check frequent. */
    MigrationRunner checkBlockedEvery(Duration every) {
        this.checkBlockedEvery = every;
        return this;
    }

    public TrackingTable trackingTable() {
        return tracking;
    }

    /** The repeatable migrations ({@code R__<name>.sql}) of the migrations folder, in name order. */
    public List<RepeatableMigration> discoverRepeatables() {
        return discoverRepeatables(new LocationFiles(config.includeScope()));
    }

    /** The migrations on disk and on the classpath, in version order. */
    public List<ResolvedMigration> discover() {
        return discover(new LocationFiles(config.includeScope()));
    }

    // A run that reads both kinds lists its folders once (LocationFiles).
    private List<RepeatableMigration> discoverRepeatables(LocationFiles listing) {
        return SqlMigrationFiles.repeatables(config.sqlLocations(), listing);
    }

    private List<ResolvedMigration> discover(LocationFiles listing) {
        return MigrationDiscovery.discover(config.sqlLocations(), listing, config.javaClassLoader(), config.javaPackage());
    }

    // ---------------------------------------------------------------- status

    /** Applied, pending, modified and missing migrations; reads only, takes no lock, creates nothing. */
    public StatusReport status() {
        LocationFiles listing = new LocationFiles(config.includeScope());
        List<ResolvedMigration> onDisk = discover(listing);
        List<RepeatableMigration> repeatables = discoverRepeatables(listing);
        try (Connection c = connections.open()) {
            tracking = tracking.resolve(c);
            StatusReport versioned = status(onDisk, tracking.applied(c));
            return RepeatableStatus.append(versioned, repeatables, tracking.repeatables(c));
        } catch (SQLException e) {
            throw dbError("read the tracking table", e);
        }
    }

    private StatusReport status(List<ResolvedMigration> onDisk, List<AppliedMigration> applied) {
        Map<String, AppliedMigration> byVersion = byNumber(applied);
        AppliedMigration newest = OutOfOrderGuard.newestApplied(applied).orElse(null);
        List<StatusEntry> entries = new ArrayList<>();
        int nApplied = 0;
        int nPending = 0;
        int nModified = 0;
        for (ResolvedMigration m : onDisk) {
            AppliedMigration row = byVersion.remove(numberKey(m.version().text()));
            String status;
            if (row == null) {
                // Still pending, but migrate will refuse it unless confiture.outOfOrder=true: say so here first.
                status = OutOfOrderGuard.isLate(m, newest) ? OutOfOrderGuard.STATUS : "pending";
                nPending++;
            } else {
                FileChange change = FileChange.of(m, row.checksum(), row.upChecksum());
                status = change.status();
                // Only the down file changed: what was applied is still what the up file says.
                if (change.refused()) {
                    nModified++;
                } else {
                    nApplied++;
                }
            }
            entries.add(new StatusEntry(m.version().text(), m.name(), status,
                    row == null ? m.kind().column() : row.kind(), row == null ? null : String.valueOf(row.appliedAt()), m.source(),
                    row == null ? null : row.appliedBy(), row == null ? null : row.executionTimeMs()));
        }
        for (AppliedMigration row : byVersion.values()) {
            entries.add(new StatusEntry(row.version(), row.name(), "missing", row.kind(), String.valueOf(row.appliedAt()), null,
                    row.appliedBy(), row.executionTimeMs()));
        }
        if (!byVersion.isEmpty()) {
            // Missing ones were appended after the (already ordered) migrations on disk: merge them in.
            Map<StatusEntry, MigrationVersion> keys = new java.util.IdentityHashMap<>();
            entries.forEach(e -> keys.put(e, MigrationVersion.isVersion(e.version())
                    ? MigrationVersion.parse(e.version()) : MigrationVersion.parse("0")));
            entries.sort(java.util.Comparator.comparing(keys::get));
        }
        String current = applied.stream().map(AppliedMigration::version).filter(MigrationVersion::isVersion)
                .map(MigrationVersion::parse).max(MigrationVersion::compareTo).map(MigrationVersion::text).orElse(null);
        return new StatusReport(config.database().describe(), tracking.name().display(), current, List.copyOf(entries),
                entries.size(), nApplied, nPending, nModified, byVersion.size());
    }

    // ---------------------------------------------------------------- migrate

    /**
     * Applies pending migrations in version order, up to and including {@code target} when given.
     * With {@code dryRun} it only reports what would run: no table is created, nothing is changed.
     */
    public MigrateReport migrate(String target, boolean dryRun) {
        return migrate(target, dryRun, MigrateOptions.DEFAULTS, null);
    }

    /**
     * As {@link #migrate(String, boolean)}, with what to do about out-of-order migrations and a
     * database that has objects but no tracking table ({@link MigrateOptions}).
     */
    public MigrateReport migrate(String target, boolean dryRun, MigrateOptions options) {
        return migrate(target, dryRun, options, null);
    }

    /**
     * {@link #migrate(String, boolean)}; with a {@code script} file, a dry run that also writes the psql
     * script doing what this migrate would do ({@link DryRunScript}).
     */
    public MigrateReport migrate(String target, boolean dryRunOnly, Path script) {
        return migrate(target, dryRunOnly, MigrateOptions.DEFAULTS, script);
    }

    /** All of the above: options, and with a {@code script} file, the dry run that writes the psql script. */
    public MigrateReport migrate(String target, boolean dryRunOnly, MigrateOptions options, Path script) {
        boolean dryRun = dryRunOnly || script != null;
        MigrationVersion targetVersion = target == null || target.isBlank() ? null : parseVersion(target, "confiture.target");
        MigrationVersion baselineVersion = options.baselineOnMigrate()
                ? parseVersion(options.baselineVersion(), "confiture.baselineVersion") : null;
        LocationFiles listing = new LocationFiles(config.includeScope());
        List<ResolvedMigration> onDisk = discover(listing);
        long start = System.nanoTime();
        listener.info(RunnerText.targetLine(config.database()));
        try (MigrationLock held = start(); BlockedMigrationWatch watching = watch) {
            Connection c = held.connection();
            LockRetries lockRetries = new LockRetries(lockRetryPolicy, config.database(), c, held.pid(), listener);
            BaselineOnMigrate.Plan baseline = baselineVersion == null ? BaselineOnMigrate.Plan.NONE
                    : BaselineOnMigrate.plan(c, tracking, tracking.applied(c), onDisk, baselineVersion);
            List<MigrationOutcome> baselined = new ArrayList<>();
            if (baseline.applies()) {
                listener.info(BaselineOnMigrate.describe(baseline, baselineVersion, dryRun));
            }
            if (!dryRun) {
                tracking.ensureExists(c);
                if (baseline.applies()) {
                    baselined.addAll(BaselineOnMigrate.record(c, tracking, baseline));
                }
            } else {
                baseline.toRecord().forEach(m -> baselined.add(BaselineOnMigrate.outcome(m)));
            }
            baselined.forEach(o -> listener.info("Baselined " + o.displayName()));
            List<AppliedMigration> applied = tracking.applied(c);
            verify(onDisk, applied);
            Map<String, AppliedMigration> appliedByVersion = byNumber(applied);
            // A dry run records nothing: what baseline on migrate would record counts as applied all the same.
            java.util.Set<String> baselinedVersions = new java.util.HashSet<>();
            baselined.forEach(o -> baselinedVersions.add(numberKey(o.version())));
            List<ResolvedMigration> pending = onDisk.stream()
                    .filter(m -> !appliedByVersion.containsKey(numberKey(m.version().text())))
                    .filter(m -> !baselinedVersions.contains(numberKey(m.version().text())))
                    .filter(m -> targetVersion == null || m.version().compareTo(targetVersion) <= 0)
                    .toList();
            // A branch merged late can bring a version older than what is applied: refused unless allowed,
            // before any callback or statement runs.
            if (!options.outOfOrder()) {
                OutOfOrderGuard.refuse(pending, applied);
            }
            // Repeatables come after every versioned migration: only in a run that reaches the last one, so
            // that a view over a table a later migration creates is never applied before that table exists.
            boolean reachesEnd = targetVersion == null || onDisk.stream().allMatch(m -> m.version().compareTo(targetVersion) <= 0);
            List<RepeatableMigration> repeatables = reachesEnd
                    ? RepeatableRun.due(discoverRepeatables(listing), tracking.repeatables(c)) : List.of();
            // Every pending migration, up and down, and every callback, before the first runs: a refusal changes nothing.
            MigrationStatements.refuseForbidden(pending, true, true, "nothing was applied", texts);
            MigrationStatements.refuseUnknownPlaceholders(pending, true, false, placeholders, texts);
            RepeatableRun.check(repeatables, placeholders);
            callbackFiles.check(CallbackEvent.MIGRATE, placeholders);
            if (script != null) {
                writeMigrateScript(c, baseline.applies() ? baseline.toRecord() : List.of(), pending, repeatables, script);
            }
            if (!dryRun) {
                callbacks.runAlone(c, CallbackEvent.BEFORE_MIGRATE, "Nothing was applied.");
            }
            if (pending.isEmpty() && repeatables.isEmpty()) {
                listener.info("Database is up to date: no pending migrations"
                        + (targetVersion == null ? "" : " up to " + targetVersion) + " (" + applied.size() + " applied)");
                if (!dryRun) {
                    callbacks.runAlone(c, CallbackEvent.AFTER_MIGRATE, "No migration was pending.");
                }
                return new MigrateReport(config.database().describe(), tracking.name().display(), dryRun, target,
                        applied.size() - (dryRun ? 0 : baselined.size()), List.copyOf(baselined), millisSince(start));
            }
            listener.info("Found " + pending.size() + " pending migration(s)"
                    + (repeatables.isEmpty() ? "" : " and " + repeatables.size() + " repeatable migration(s) to apply")
                    + (dryRun ? " (dry run: nothing will be changed)" : ""));
            // Allowed out-of-order migrations are said.
            OutOfOrderGuard.newestApplied(applied).ifPresent(newest -> OutOfOrderGuard.late(pending, applied)
                    .forEach(m -> listener.info(m.displayName() + " is older than the newest applied migration ("
                            + newest.version() + "): applying it out of order (confiture.outOfOrder=true)")));
            List<MigrationOutcome> outcomes = new ArrayList<>(baselined);
            Progress progress = new Progress(pending.size());
            for (int i = 0; i < pending.size(); i++) {
                ResolvedMigration m = pending.get(i);
                if (dryRun) {
                    MigrationOutcome o = new MigrationOutcome(m.version().text(), m.name(), m.kind().column(), "would_apply", 0,
                            m.kind() == MigrationKind.JAVA || !needsNoTransaction(m.upFile()));
                    outcomes.add(o);
                    listener.finished(o, i + 1, pending.size());
                    continue;
                }
                listener.starting(m, Direction.UP, i + 1, pending.size());
                MigrationOutcome o;
                try {
                    int doneBefore = outcomes.size() - baselined.size();
                    o = lockRetries.run(m, () -> run(c, m, Direction.UP, doneBefore));
                } catch (RuntimeException e) {
                    if (!lock.lost()) {
                        callbacks.afterError(c, e);
                    }
                    throw e;
                }
                outcomes.add(o);
                listener.finished(o, i + 1, pending.size());
                progress.tick(i + 1);
            }
            RepeatableRun repeatableRun = new RepeatableRun(tracking, placeholders, searchPath, callbacks, watch);
            for (RepeatableMigration r : repeatables) {
                MigrationOutcome o;
                try {
                    o = dryRun ? new MigrationOutcome(r.key(), r.name(), RepeatableMigration.KIND, "would_apply", 0, true)
                            : repeatableRun.apply(c, r, outcomes.size() - baselined.size());
                } catch (RuntimeException e) {
                    // afterMigrateError follows a failed repeatable as it follows a failed versioned migration.
                    if (!lock.lost()) {
                        callbacks.afterError(c, e);
                    }
                    throw e;
                }
                outcomes.add(o);
                listener.finished(o, outcomes.size() - baselined.size(), pending.size() + repeatables.size());
            }
            if (!dryRun) {
                callbacks.runAlone(c, CallbackEvent.AFTER_MIGRATE, "The " + outcomes.size()
                        + " migration(s) of this run stay applied and recorded.");
            }
            long total = millisSince(start);
            listener.info(dryRun ? pending.size() + repeatables.size() + " migration(s) would be applied"
                    : "Applied " + (outcomes.size() - baselined.size()) + " migration(s) in " + total + " ms");
            return new MigrateReport(config.database().describe(), tracking.name().display(), dryRun, target,
                    applied.size() - (dryRun ? 0 : baselined.size()), List.copyOf(outcomes), total, lockRetries.retries());
        } catch (SQLException e) {
            throw dbError("migrate", e);
        }
    }

    // ---------------------------------------------------------------- rollback

    /**
     * Rolls back applied migrations in the reverse of the order they were applied (an out-of-order
     * migration first: {@link TrackingTable#lastAppliedFirst}): the last {@code steps} (default 1),
     * or every one newer than {@code target} (exclusive) when given. All of them are checked first (present on
     * disk, unchanged, reversible); if one fails the check nothing is rolled back.
     */
    public RollbackReport rollback(Integer steps, String target, boolean dryRun) {
        return rollback(steps, target, dryRun, null);
    }

    /**
     * {@link #rollback(Integer, String, boolean)}; with a {@code script} file, a dry run that also writes
     * the psql script doing what this rollback would do ({@link DryRunScript}).
     */
    public RollbackReport rollback(Integer steps, String target, boolean dryRunOnly, Path script) {
        boolean dryRun = dryRunOnly || script != null;
        MigrationVersion targetVersion = target == null || target.isBlank() ? null : parseVersion(target, "confiture.target");
        if (targetVersion == null && steps != null && steps < 1) {
            throw new ConfitureException("ROLLBACK_BAD_STEPS", "confiture.steps must be 1 or more, not " + steps);
        }
        int n = steps == null ? 1 : steps;
        LocationFiles listing = new LocationFiles(config.includeScope());
        List<ResolvedMigration> onDisk = discover(listing);
        long start = System.nanoTime();
        listener.info(RunnerText.targetLine(config.database()));
        try (MigrationLock held = start(); BlockedMigrationWatch watching = watch) {
            Connection c = held.connection();
            List<AppliedMigration> applied = TrackingTable.lastAppliedFirst(tracking.applied(c));
            callbackFiles.check(CallbackEvent.ROLLBACK, placeholders);
            List<AppliedMigration> toRollBack = targetVersion == null
                    ? applied.subList(0, Math.min(n, applied.size()))
                    : applied.stream().filter(a -> compareVersions(a.version(), targetVersion.text()) > 0).toList();
            if (toRollBack.isEmpty()) {
                if (script != null) {
                    writeRollbackScript(c, List.of(), script);
                }
                listener.info("Nothing to roll back" + (targetVersion == null ? ": no migration is applied"
                        : ": no applied migration is newer than " + targetVersion));
                return new RollbackReport(config.database().describe(), tracking.name().display(), dryRun, List.of(),
                        millisSince(start));
            }
            Map<String, ResolvedMigration> diskByVersion = new HashMap<>();
            onDisk.forEach(m -> diskByVersion.put(numberKey(m.version().text()), m));
            List<ResolvedMigration> plan = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Path problemFile = null;
            for (AppliedMigration a : toRollBack) {
                ResolvedMigration m = diskByVersion.get(numberKey(a.version()));
                if (m == null) {
                    problems.add(a.version() + "_" + a.name() + " is applied but its migration is missing from "
                            + config.migrationsDir() + ": it cannot be rolled back");
                    continue;
                }
                FileChange change = FileChange.of(m, a.checksum(), a.upChecksum());
                if (change.refused()) {
                    problems.add(m.displayName() + " changed since it was applied (" + change.describe(m)
                            + "): restore the applied version before rolling it back");
                } else if (!m.reversible()) {
                    problems.add(m.displayName() + " is irreversible: " + (m.kind() == MigrationKind.SQL
                            ? "there is no " + ResolvedMigration.downFileOf(m.upFile()).getFileName()
                            : m.javaClass().getName() + " does not implement down()"));
                } else {
                    if (change == FileChange.DOWN_EDITED) {
                        // The point of editing a down file: rollback runs it as it is now.
                        listener.warning(m.displayName() + ": " + change.describe(m) + "; rolling back with it as it is now");
                    }
                    plan.add(m);
                    continue;
                }
                if (problemFile == null) {
                    problemFile = m.upFile();
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfitureException("ROLLBACK_REFUSED", "Rollback refused, nothing was changed:\n  - "
                        + String.join("\n  - ", problems), problemFile, 0, true, null);
            }
            MigrationStatements.refuseForbidden(plan, false, true, "nothing was rolled back", texts);
            MigrationStatements.refuseUnknownPlaceholders(plan, false, true, placeholders, texts);
            if (script != null) {
                writeRollbackScript(c, plan, script);
            }
            listener.info((dryRun ? "Would roll back " : "Rolling back ") + plan.size() + " migration(s)");
            if (!dryRun) {
                callbacks.runAlone(c, CallbackEvent.BEFORE_ROLLBACK, "Nothing was rolled back.");
            }
            List<MigrationOutcome> outcomes = new ArrayList<>();
            Progress progress = new Progress(plan.size());
            for (int i = 0; i < plan.size(); i++) {
                ResolvedMigration m = plan.get(i);
                if (dryRun) {
                    MigrationOutcome o = new MigrationOutcome(m.version().text(), m.name(), m.kind().column(),
                            "would_roll_back", 0, true);
                    outcomes.add(o);
                    listener.finished(o, i + 1, plan.size());
                    continue;
                }
                listener.starting(m, Direction.DOWN, i + 1, plan.size());
                MigrationOutcome o = run(c, m, Direction.DOWN, outcomes.size());
                outcomes.add(o);
                listener.finished(o, i + 1, plan.size());
                progress.tick(i + 1);
            }
            if (!dryRun) {
                callbacks.runAlone(c, CallbackEvent.AFTER_ROLLBACK, "The " + outcomes.size()
                        + " migration(s) of this run stay rolled back.");
            }
            long total = millisSince(start);
            listener.info(dryRun ? plan.size() + " migration(s) would be rolled back"
                    : "Rolled back " + outcomes.size() + " migration(s) in " + total + " ms");
            return new RollbackReport(config.database().describe(), tracking.name().display(), dryRun,
                    List.copyOf(outcomes), total);
        } catch (SQLException e) {
            throw dbError("roll back", e);
        }
    }

    // ---------------------------------------------------------------- dry-run scripts

    /** The psql script of a migrate: session settings, lock, tracking table, then each migration as {@link #run} would run it. */
    private void writeMigrateScript(Connection c, List<ResolvedMigration> baselined, List<ResolvedMigration> pending,
                                    List<RepeatableMigration> repeatables, Path file) throws SQLException {
        refuseJavaCallbacksInScript(CallbackEvent.MIGRATE);
        DryRunScript script = new DryRunScript("migrate", config.database().describe(), pending.size() + repeatables.size());
        scriptPreamble(script);
        script.comment("The tracking table, as the first migrate creates it (no-ops when it is there).");
        script.sql(tracking.ensureExistsSql());
        if (!repeatables.isEmpty()) {
            script.sql(tracking.widenKindCheckSql(c));
        }
        if (!baselined.isEmpty()) {
            script.comment("Baseline on migrate (confiture.baselineOnMigrate): recorded as applied without running them.");
            script.begin();
            for (ResolvedMigration m : baselined) {
                script.sql(tracking.recordSql(c, m.version().text(), m.name(), m.checksum(), m.upChecksum(),
                        TrackingTable.KIND_BASELINE));
            }
            script.commit();
        }
        scriptCallbacks(script, CallbackEvent.BEFORE_MIGRATE);
        for (ResolvedMigration m : pending) {
            scriptMigration(c, script, m, Direction.UP);
        }
        for (RepeatableMigration r : repeatables) {
            List<SqlStatement> statements = MigrationStatements.of(r.file(), placeholders, texts);
            boolean transactional = statements.stream().noneMatch(st -> SqlStatements.requiresNoTransaction(st.sql()));
            script.comment(r.key() + " (repeatable): " + r.file()
                    + (transactional ? "" : "\nOutside a transaction: it holds a statement PostgreSQL refuses inside one."));
            if (transactional) {
                script.begin();
            }
            scriptWithEachCallbacks(c, script, statements);
            script.sql(tracking.recordRepeatableSql(c, r.key(), r.name(), r.checksum()));
            script.sql(searchPath.restoreSql(c));
            if (transactional) {
                script.commit();
            }
        }
        scriptCallbacks(script, CallbackEvent.AFTER_MIGRATE);
        if (callbacks.has(CallbackEvent.AFTER_MIGRATE_ERROR)) {
            script.comment("The afterMigrateError callbacks are not in this script: psql stops at the first error"
                    + " (ON_ERROR_STOP) and cannot run anything after it.");
        }
        scriptEnd(script, file, pending.size() + repeatables.size());
    }

    /** The psql script of a rollback: each down in its transaction with the removal of its tracking row. */
    private void writeRollbackScript(Connection c, List<ResolvedMigration> plan, Path file) throws SQLException {
        refuseJavaCallbacksInScript(CallbackEvent.ROLLBACK);
        DryRunScript script = new DryRunScript("rollback", config.database().describe(), plan.size());
        scriptPreamble(script);
        if (!plan.isEmpty()) {
            scriptCallbacks(script, CallbackEvent.BEFORE_ROLLBACK);
            for (ResolvedMigration m : plan) {
                scriptMigration(c, script, m, Direction.DOWN);
            }
            scriptCallbacks(script, CallbackEvent.AFTER_ROLLBACK);
        }
        scriptEnd(script, file, plan.size());
    }

    /** A Java callback of the script's events cannot be written as SQL: refused, as a Java migration is. */
    private void refuseJavaCallbacksInScript(List<CallbackEvent> events) {
        for (CallbackEvent event : events) {
            if (event != CallbackEvent.AFTER_MIGRATE_ERROR && !callbacks.java(event).isEmpty()) {
                throw new ConfitureException(DryRunScript.CODE_JAVA, "The Java callback "
                        + callbacks.java(event).get(0).getClass().getName() + " runs at " + event.fileName()
                        + ": a psql script cannot run it, so no script was written.");
            }
        }
    }

    private void scriptPreamble(DryRunScript script) {
        if (!config.run().sessionSettings().isEmpty()) {
            script.comment("Session settings (session_settings:), as on every session that runs migrations.");
            script.sql(SessionSettings.statements(config.run().sessionSettings()));
        }
        script.comment("The migration lock every confiture runner takes on this database: they wait while this script runs.");
        script.sql("SELECT pg_advisory_lock(" + MigrationLock.keyFor(tracking.name()) + ")");
    }

    private void scriptEnd(DryRunScript script, Path file, int count) {
        script.comment("Done: release the migration lock.");
        script.sql("SELECT pg_advisory_unlock(" + MigrationLock.keyFor(tracking.name()) + ")");
        script.write(file);
        listener.info("Wrote the psql script for " + count + " migration(s) to " + file + " (nothing was changed);"
                + " run it with: psql -v ON_ERROR_STOP=1 -f " + file);
    }

    private void scriptCallbacks(DryRunScript script, CallbackEvent event) {
        for (Path f : callbackFiles.of(event)) {
            List<SqlStatement> statements = callbacks.statements(f);
            boolean transactional = statements.stream().noneMatch(st -> SqlStatements.requiresNoTransaction(st.sql()));
            script.comment("Callback " + f.getFileName() + " (" + event.fileName() + ")");
            if (transactional) {
                script.begin();
            }
            script.statements(statements);
            if (transactional) {
                script.commit();
            }
        }
    }

    private void scriptMigration(Connection c, DryRunScript script, ResolvedMigration m, Direction direction)
            throws SQLException {
        if (m.kind() != MigrationKind.SQL) {
            throw DryRunScript.javaMigration(m.displayName(), m.javaClass().getName());
        }
        Path file = direction == Direction.UP ? m.upFile() : m.downFile();
        List<SqlStatement> statements = MigrationStatements.of(file, placeholders, texts);
        boolean transactional = statements.stream().noneMatch(st -> SqlStatements.requiresNoTransaction(st.sql()));
        script.comment(m.displayName() + (direction == Direction.UP ? "" : " (down)") + ": " + file
                + (transactional ? "" : "\nOutside a transaction: it holds a statement PostgreSQL refuses inside one."));
        if (transactional) {
            script.begin();
        }
        if (direction == Direction.UP) {
            scriptWithEachCallbacks(c, script, statements);
        } else {
            script.statements(statements);
        }
        script.sql(trackingSql(c, m, direction));
        script.sql(searchPath.restoreSql(c));
        if (transactional) {
            script.commit();
        }
    }

    /** A migration's statements between the beforeEachMigrate and afterEachMigrate callbacks, as the runner runs them. */
    private void scriptWithEachCallbacks(Connection c, DryRunScript script, List<SqlStatement> statements) throws SQLException {
        callbackFiles.of(CallbackEvent.BEFORE_EACH_MIGRATE).forEach(f -> script.statements(callbacks.statements(f)));
        script.statements(statements);
        if (callbacks.has(CallbackEvent.AFTER_EACH_MIGRATE)) {
            script.sql(searchPath.restoreSql(c));
            callbackFiles.of(CallbackEvent.AFTER_EACH_MIGRATE).forEach(f -> script.statements(callbacks.statements(f)));
        }
    }

    // ---------------------------------------------------------------- baseline

    /**
     * Records every migration up to and including {@code through} (all of them when null) as
     * applied without running it, kind {@code baseline}: for a database whose schema already
     * matches them (built from the schema files, or older than Confiture).
     */
    public BaselineReport baseline(String through) {
        MigrationVersion throughVersion = through == null || through.isBlank() ? null : parseVersion(through, "confiture.through");
        List<ResolvedMigration> onDisk = discover();
        listener.info(RunnerText.targetLine(config.database()));
        try (MigrationLock held = start(); BlockedMigrationWatch watching = watch) {
            Connection c = held.connection();
            tracking.ensureExists(c);
            List<AppliedMigration> applied = tracking.applied(c);
            Map<String, AppliedMigration> appliedByVersion = byNumber(applied);
            List<ResolvedMigration> toRecord = onDisk.stream()
                    .filter(m -> throughVersion == null || m.version().compareTo(throughVersion) <= 0)
                    .filter(m -> !appliedByVersion.containsKey(numberKey(m.version().text())))
                    .toList();
            List<MigrationOutcome> recorded = new ArrayList<>();
            c.setAutoCommit(false);
            try {
                for (ResolvedMigration m : toRecord) {
                    tracking.recordBaseline(c, m.version().text(), m.name(), m.checksum(), m.upChecksum());
                    recorded.add(new MigrationOutcome(m.version().text(), m.name(), TrackingTable.KIND_BASELINE,
                            "baselined", 0, true));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            recorded.forEach(o -> listener.info("Baselined " + o.displayName()));
            listener.info("Recorded " + recorded.size() + " migration(s) as applied without running them"
                    + (throughVersion == null ? "" : " (through " + throughVersion + ")")
                    + (applied.isEmpty() ? "" : "; " + applied.size() + " already recorded"));
            return new BaselineReport(config.database().describe(), tracking.name().display(), through,
                    List.copyOf(recorded), applied.size());
        } catch (SQLException e) {
            throw dbError("baseline", e);
        }
    }

    // ---------------------------------------------------------------- repair

    /**
     * Realigns the tracking table with the files ({@link MigrationRepair}): the checksums of applied
     * migrations whose files were edited on purpose, and, with {@code removeMissing}, the rows of
     * migrations whose files are gone. Runs nothing against the schema; every change is logged.
     */
    public RepairReport repair(boolean removeMissing) {
        List<ResolvedMigration> onDisk = discover();
        listener.info(RunnerText.targetLine(config.database()));
        try (MigrationLock held = start(); BlockedMigrationWatch watching = watch) {
            Connection c = held.connection();
            // Adds up_checksum to a table written before it existed: repair records it.
            if (tracking.exists(c)) {
                tracking.ensureExists(c);
            }
            List<AppliedMigration> applied = tracking.applied(c);
            List<RepairReport.RepairChange> changes = MigrationRepair.plan(onDisk, applied, removeMissing);
            c.setAutoCommit(false);
            try {
                MigrationRepair.apply(c, tracking, changes, onDisk);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            changes.forEach(ch -> listener.info((ch.action().equals(MigrationRepair.MISSING_KEPT) ? "Kept " : ch.action()
                    .equals(MigrationRepair.REMOVED) ? "Removed " : "Realigned ") + ch.displayName() + ": " + ch.detail()));
            int realigned = count(changes, MigrationRepair.REALIGNED);
            int removed = count(changes, MigrationRepair.REMOVED);
            int kept = count(changes, MigrationRepair.MISSING_KEPT);
            listener.info(realigned + removed == 0
                    ? "Nothing to repair in " + tracking.name().display() + ": " + applied.size() + " applied migration(s)"
                    + " match their files" + (kept == 0 ? "" : " (" + kept + " missing kept)")
                    : "Repaired " + tracking.name().display() + ": " + realigned + " realigned, " + removed + " removed"
                    + (kept == 0 ? "" : ", " + kept + " missing kept"));
            return new RepairReport(config.database().describe(), tracking.name().display(), List.copyOf(changes),
                    realigned, removed, kept);
        } catch (SQLException e) {
            throw dbError("repair", e);
        }
    }

    private static int count(List<RepairReport.RepairChange> changes, String action) {
        return (int) changes.stream().filter(ch -> ch.action().equals(action)).count();
    }

    // ---------------------------------------------------------------- running one migration

    /**
     * Runs one migration while watching whether it is blocked; when it fails because the session
     * holding the migration lock is gone, says so ({@link #lockLost}) instead of a connection error.
     */
    private MigrationOutcome run(Connection c, ResolvedMigration m, Direction direction, int doneBefore)
            throws SQLException {
        try (BlockedMigrationWatch.Watch watching = watch.watch(m)) {
            return runWatched(c, m, direction, doneBefore);
        } catch (SQLException | RuntimeException e) {
            if (lock.lost()) {
                throw lockLost(m, direction, doneBefore, e);
            }
            throw e;
        }
    }

    private MigrationOutcome runWatched(Connection c, ResolvedMigration m, Direction direction, int doneBefore)
            throws SQLException {
        long start = System.nanoTime();
        boolean transactional = true;
        if (m.kind() == MigrationKind.SQL) {
            Path file = direction == Direction.UP ? m.upFile() : m.downFile();
            List<SqlStatement> statements = MigrationStatements.of(file, placeholders, texts);
            transactional = statements.stream().noneMatch(s -> SqlStatements.requiresNoTransaction(s.sql()));
            boolean eachCallbacks = direction == Direction.UP && (callbacks.has(CallbackEvent.BEFORE_EACH_MIGRATE)
                    || callbacks.has(CallbackEvent.AFTER_EACH_MIGRATE));
            if (transactional && eachCallbacks) {
                // Statement by statement, so a failure names the callback's file or the migration's.
                String aftermath = Aftermath.rolledBack(m, direction, doneBefore);
                runInTransaction(c, m, direction, start, doneBefore, () -> {
                    callbacks.runWithin(c, CallbackEvent.BEFORE_EACH_MIGRATE, m, aftermath);
                    execute(c, m, direction, file, statements, true, doneBefore);
                    // The callback starts from the search_path every migration starts from, whatever this one did.
                    searchPath.restore(c);
                    callbacks.runWithin(c, CallbackEvent.AFTER_EACH_MIGRATE, m, aftermath);
                });
            } else if (transactional) {
                runSqlInTransaction(c, m, direction, file, statements, start, doneBefore);
            } else {
                listener.info(m.displayName() + " (" + file.getFileName() + ") contains a statement PostgreSQL refuses"
                        + " inside a transaction: running its " + statements.size()
                        + " statement(s) one by one outside a transaction");
                c.setAutoCommit(true);
                if (direction == Direction.UP) {
                    callbacks.runWithin(c, CallbackEvent.BEFORE_EACH_MIGRATE, m, "Nothing of " + m.displayName()
                            + " ran; it is not recorded.");
                }
                execute(c, m, direction, file, statements, false, doneBefore);
                if (direction == Direction.UP && callbacks.has(CallbackEvent.AFTER_EACH_MIGRATE)) {
                    searchPath.restore(c);
                    callbacks.runWithin(c, CallbackEvent.AFTER_EACH_MIGRATE, m, Aftermath.notTracked(m, direction, statements.size()));
                }
                try {
                    track(c, m, direction, millisSince(start));
                } catch (SQLException e) {
                    throw new MigrationFailure("Could not " + (direction == Direction.UP ? "record " : "remove the record of ")
                            + m.displayName() + " in " + tracking.name().display() + ": " + e.getMessage() + " [SQLState "
                            + e.getSQLState() + "]", Aftermath.notTracked(m, direction, statements.size()), file, 0, e);
                }
                searchPath.restore(c);
            }
        } else {
            Migration migration = JavaMigrations.instantiate(m.javaClass());
            String aftermath = Aftermath.rolledBack(m, direction, doneBefore);
            runInTransaction(c, m, direction, start, doneBefore, () -> {
                if (direction == Direction.UP) {
                    callbacks.runWithin(c, CallbackEvent.BEFORE_EACH_MIGRATE, m, aftermath);
                }
                runJava(c, m, migration, direction, doneBefore);
                if (direction == Direction.UP && callbacks.has(CallbackEvent.AFTER_EACH_MIGRATE)) {
                    searchPath.restore(c);
                    callbacks.runWithin(c, CallbackEvent.AFTER_EACH_MIGRATE, m, aftermath);
                }
            });
        }
        String status = direction == Direction.UP ? "applied" : "rolled_back";
        return new MigrationOutcome(m.version().text(), m.name(), m.kind().column(), status, millisSince(start), transactional);
    }

    /**
     * A transactional SQL migration: in one round trip ({@link PipelinedMigration}) unless it carries
     * COPY data; statement by statement when the batch failed without saying where.
     */
    private void runSqlInTransaction(Connection c, ResolvedMigration m, Direction direction, Path file,
                                     List<SqlStatement> statements, long start, int doneBefore) throws SQLException {
        boolean pipelined = PipelinedMigration.canPipeline(statements);
        PipelinedMigration.Failure failure = pipelined ? runPipelined(c, m, file, statements, direction) : null;
        if (pipelined && failure == null) {
            return;
        }
        if (failure != null && failure.part() != PipelinedMigration.Failure.Part.UNKNOWN) {
            throw failureOf(m, direction, file, statements, failure, doneBefore);
        }
        // The statement-by-statement run names the failing statement, or succeeds if the failure was transient.
        runInTransaction(c, m, direction, start, doneBefore, () -> execute(c, m, direction, file, statements, true, doneBefore));
        if (failure != null) {
            listener.info(m.displayName() + " failed when sent as one batch (" + failure.error().getMessage()
                    + ") but succeeded when run again statement by statement: the first failure was transient");
        }
    }

    /** A batch's failure as the same error the statement-by-statement path gives. */
    private ConfitureException failureOf(ResolvedMigration m, Direction direction, Path file, List<SqlStatement> statements,
                                         PipelinedMigration.Failure failure, int doneBefore) {
        return switch (failure.part()) {
            case STATEMENT -> StatementFailure.of(m.displayName(), file, statements.get(failure.statement()),
                    failure.statement() + 1, statements.size(), failure.error(), Aftermath.rolledBack(m, direction, doneBefore));
            case TRACKING -> direction == Direction.UP
                    ? tracking.recordFailure(m.version().text(), m.name(), failure.error())
                    : dbError("remove " + m.displayName() + " from " + tracking.name().display(), failure.error());
            case COMMIT -> commitFailure(m, direction, doneBefore, failure.error());
            case UNKNOWN -> throw new IllegalArgumentException("an unknown failure is run again, not reported");
        };
    }

    /** {@link PipelinedMigration#run}, with a lost connection reported against the migration it was running. */
    private PipelinedMigration.Failure runPipelined(Connection c, ResolvedMigration m, Path file, List<SqlStatement> statements,
                                      Direction direction) throws SQLException {
        try {
            return PipelinedMigration.run(c, statements, List.of(trackingSql(c, m, direction), searchPath.restoreSql(c)));
        } catch (SQLException e) {
            throw new ConfitureException("MIGRATION_FAILED", "Lost the connection to " + config.database().describe()
                    + " while running " + m.displayName() + " (" + file.getFileName() + "): " + e.getMessage()
                    + " [SQLState " + e.getSQLState() + "]\n  PostgreSQL rolled " + m.displayName()
                    + " back unless its COMMIT had already arrived; run confiture:status to see whether it is recorded.",
                    file, 0, false, e);
        }
    }

    /** The tracking change of {@link #track} as SQL text, to travel in the migration's batch. */
    private String trackingSql(Connection c, ResolvedMigration m, Direction direction) throws SQLException {
        return direction == Direction.UP
                ? tracking.recordSql(c, m.version().text(), m.name(), m.checksum(), m.upChecksum(), m.kind().column())
                : tracking.removeSql(c, m.version().text());
    }

    private interface Body {
        void run() throws SQLException;
    }

    private void runInTransaction(Connection c, ResolvedMigration m, Direction direction, long start, int doneBefore,
                                  Body body) throws SQLException {
        c.setAutoCommit(false);
        try {
            body.run();
            track(c, m, direction, millisSince(start));
            searchPath.restore(c);
            commit(c, m, direction, doneBefore);
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is gone; the error that got us here is the one worth reporting
            }
        }
    }

    /** COMMIT, where deferred constraints are checked: a refusal there is the migration's failure. */
    private static void commit(Connection c, ResolvedMigration m, Direction direction, int doneBefore) throws SQLException {
        try {
            c.commit();
        } catch (SQLException e) {
            if (Connections.isLost(c, e)) {
                throw e;
            }
            throw commitFailure(m, direction, doneBefore, e);
        }
    }

    private static ConfitureException commitFailure(ResolvedMigration m, Direction direction, int doneBefore, SQLException e) {
        return new MigrationFailure("Migration " + m.displayName() + (direction == Direction.UP ? "" : " (down)")
                + " failed at COMMIT, where PostgreSQL checks deferred constraints: " + e.getMessage()
                + " [SQLState " + e.getSQLState() + "]", Aftermath.rolledBack(m, direction, doneBefore),
                m.kind() != MigrationKind.SQL ? null : direction == Direction.UP ? m.upFile() : m.downFile(), 0, e);
    }

    private void track(Connection c, ResolvedMigration m, Direction direction, long elapsedMs) throws SQLException {
        if (direction == Direction.UP) {
            tracking.record(c, m.version().text(), m.name(), m.checksum(), m.upChecksum(), elapsedMs, m.kind().column());
        } else {
            tracking.remove(c, m.version().text());
        }
    }

    private void execute(Connection c, ResolvedMigration m, Direction direction, Path file, List<SqlStatement> statements,
                         boolean transactional, int doneBefore) {
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            try {
                executeOne(c, s);
            } catch (SQLException e) {
                String aftermath = transactional
                        ? Aftermath.rolledBack(m, direction, doneBefore)
                        : Aftermath.outsideTransaction(m, direction, statements, i);
                throw StatementFailure.of(m.displayName(), file, s, i + 1, statements.size(), e, aftermath);
            }
        }
    }

    static void executeOne(Connection c, SqlStatement s) throws SQLException {
        if (s.hasCopyData()) {
            // COPY ... FROM stdin with its data lines in the file, as pg_dump writes data.
            try {
                new CopyManager(c.unwrap(BaseConnection.class)).copyIn(s.sql(), new StringReader(s.copyData()));
            } catch (IOException e) {
                throw new SQLException("Could not send the COPY data: " + e.getMessage(), "58030", e);
            }
            return;
        }
        try (Statement st = c.createStatement()) {
            // The statement goes to PostgreSQL as written: no JDBC {fn ...} escape rewriting.
            st.setEscapeProcessing(false);
            st.execute(s.sql());
        }
    }

    private void runJava(Connection c, ResolvedMigration m, Migration migration, Direction direction, int doneBefore) {
        MigrationContext ctx = new MigrationContext() {
            @Override
            public void execute(String sql) {
                // The same rule as for SQL files: the runner owns the transaction (and its tracking row).
                List<MigrationScript.Refusal> refused = MigrationScript.refusals(sql, null);
                if (!refused.isEmpty()) {
                    throw refused.get(0).toException();
                }
                try (Statement st = c.createStatement()) {
                    st.setEscapeProcessing(false);
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new JavaStatementException(sql, e);
                }
            }

            @Override
            public Connection connection() {
                return c;
            }
        };
        try {
            if (direction == Direction.UP) {
                migration.up(ctx);
            } else {
                migration.down(ctx);
            }
        } catch (Exception e) {
            String where = m.javaClass().getName() + "." + (direction == Direction.UP ? "up" : "down");
            String detail = e instanceof JavaStatementException js
                    ? js.getCause().getMessage() + " [SQLState " + ((SQLException) js.getCause()).getSQLState() + "]"
                    + "\n  Statement: " + StatementFailure.excerpt(js.sql)
                    : e instanceof ConfitureException refused ? refused.getMessage() : e.toString();
            throw new MigrationFailure("Java migration " + m.displayName() + " failed in " + where + ": " + detail,
                    Aftermath.rolledBack(m, direction, doneBefore), null, 0, e);
        }
    }

    private static final class JavaStatementException extends RuntimeException {
        private final String sql;

        JavaStatementException(String sql, SQLException cause) {
            super(cause.getMessage(), cause);
            this.sql = sql;
        }
    }

    // ---------------------------------------------------------------- checks and helpers

    /**
     * Fails before anything runs when an applied migration's up file changed or its migration
     * disappeared; warns, naming the down file, when only the down file changed ({@link FileChange}).
     */
    private void verify(List<ResolvedMigration> onDisk, List<AppliedMigration> applied) {
        Map<String, AppliedMigration> rows = byNumber(applied);
        List<String> problems = new ArrayList<>();
        Path firstFile = null;
        for (ResolvedMigration m : onDisk) {
            AppliedMigration row = rows.remove(numberKey(m.version().text()));
            FileChange change = row == null ? FileChange.NONE : FileChange.of(m, row.checksum(), row.upChecksum());
            if (change.refused()) {
                problems.add("migration " + m.displayName() + " was changed after it was applied (checksum differs): "
                        + change.describe(m));
                if (firstFile == null && m.kind() == MigrationKind.SQL) {
                    firstFile = m.upFile();
                }
            } else if (change.downOnly()) {
                listener.warning("migration " + m.displayName() + " is applied and " + change.describe(m)
                        + (change == FileChange.DOWN_DELETED ? ": rolling it back will be refused as irreversible"
                        : ": rollback will run the down file as it is now"));
            }
        }
        for (AppliedMigration row : rows.values()) {
            problems.add("migration " + row.version() + "_" + row.name() + " is applied but its file is missing from "
                    + config.migrationsDir());
        }
        if (!problems.isEmpty()) {
            throw new ConfitureException("MIGRATION_CHECKSUM_MISMATCH", "Applied migrations do not match the files,"
                    + " nothing was run:\n  - " + String.join("\n  - ", problems)
                    + "\n  To go on: restore the applied file and put the change in a new migration; or, if the edit is"
                    + " deliberate (the database already matches it), record the new checksum with confiture:repair.",
                    firstFile, 0, true, null);
        }
    }

    private boolean needsNoTransaction(Path upFile) {
        return upFile != null && MigrationStatements.of(upFile, placeholders, texts).stream().anyMatch(s -> SqlStatements.requiresNoTransaction(s.sql()));
    }

    /**
     * Opens the session an operation works in and takes the migration lock on it (the same
     * connection: see {@link MigrationLock}), then pins what a migration could move under the
     * runner: the tracking table's schema, and the search_path each migration starts from.
     */
    private MigrationLock start() throws SQLException {
        lock = MigrationLock.acquire(work(), tracking.name(), config.lockTimeout(), listener::waitingForLock);
        try {
            Connection c = lock.connection();
            // Before anything else on the session: a refused setting fails the goal with nothing run,
            // and a role setting owns what the run creates (the tracking table too).
            SessionSettings.apply(c, config.run().sessionSettings());
            tracking = tracking.resolve(c);
            placeholders = sessionPlaceholders(c);
            texts = new MigrationTexts();
            callbackFiles = Callbacks.load(config.run().callbacksDir());
            callbacks = new CallbackRunner(callbackFiles, JavaCallbacks.discover(config.javaClassLoader(), config.javaPackage()),
                    placeholders, texts, listener);
            searchPath = SessionSearchPath.capture(c);
            watch = new BlockedMigrationWatch(config.database(), lock.pid(), checkBlockedEvery, listener);
            return lock;
        } catch (SQLException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The configured placeholders with the built-ins: the environment, and this session's database and (login) user. */
    private Placeholders sessionPlaceholders(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT current_database(), session_user")) {
            rs.next();
            return config.run().placeholders().withBuiltIns(config.run().environment(), rs.getString(1), rs.getString(2));
        }
    }

    /**
     * The migration lock's session ended while {@code m} ran (it was terminated, or the connection
     * broke): the lock went with it and another runner may hold it now, so the run stops. Whether
     * {@code m} is recorded is read on a new connection, since its transaction may or may not have
     * committed before the session ended.
     */
    private ConfitureException lockLost(ResolvedMigration m, Direction direction, int doneBefore, Exception e) {
        Boolean recorded;
        try (Connection check = Connections.open(config.database())) {
            recorded = tracking.isRecorded(check, m.version().text());
        } catch (SQLException | RuntimeException unknown) {
            recorded = null;
        }
        boolean up = direction == Direction.UP;
        String state;
        if (recorded == null) {
            state = "Whether " + m.displayName() + " is recorded could not be read: run confiture:status";
        } else if (recorded == up) {
            // A runner that took the lock since may have done it: say both.
            state = m.displayName() + (up ? " is recorded as applied" : " is no longer recorded")
                    + ": its COMMIT arrived before the session ended, or a runner that took the lock since did it";
        } else if (!runsInTransaction(m, direction)) {
            state = m.displayName() + " ran outside a transaction: its statements that completed before the session"
                    + " ended stay (see below), and " + m.displayName() + (up ? " is not recorded" : " is still recorded as applied");
        } else {
            state = "PostgreSQL rolled " + m.displayName() + " back with the session: "
                    + m.displayName() + (up ? " is not recorded" : " is still recorded as applied");
        }
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof SQLException)) {
            root = root.getCause();
        }
        Path file = m.kind() != MigrationKind.SQL ? null : direction == Direction.UP ? m.upFile() : m.downFile();
        return new ConfitureException("LOCK_LOST", "Lost the migration lock while running " + m.displayName()
                + ": the session that held it (pid " + lock.pid() + ") ended (" + root.getMessage()
                + (root instanceof SQLException sql ? " [SQLState " + sql.getSQLState() + "]" : "") + ")."
                + "\n  " + state + (doneBefore > 0 ? "; the " + doneBefore
                        + " migration(s) before it in this run stay " + (up ? "applied" : "rolled back") + " and "
                        + (up ? "recorded" : "unrecorded") + "." : ".")
                + "\n  The runner stopped: another runner may hold the lock now. Run confiture:status, then run"
                + " again to continue." + (e instanceof ConfitureException ce ? "\n  What failed: " + ce.getMessage() : ""),
                file, 0, false, e);
    }

    private boolean runsInTransaction(ResolvedMigration m, Direction direction) {
        Path file = direction == Direction.UP ? m.upFile() : m.downFile();
        return m.kind() != MigrationKind.SQL || file == null || !needsNoTransaction(file);
    }

    private Connection work() {
        Connection c = connections.open();
        try (Statement st = c.createStatement()) {
            // PostgreSQL 14+: notice a vanished client within seconds even mid-statement, so a killed
            // runner's transaction is rolled back promptly. Older servers do not know the setting.
            st.execute("SET client_connection_check_interval = '2s'");
        } catch (SQLException ignored) {
            // PostgreSQL 12/13
        }
        return c;
    }

    private static MigrationVersion parseVersion(String text, String property) {
        try {
            return MigrationVersion.parse(text.trim());
        } catch (ConfitureException e) {
            throw new ConfitureException("BAD_VERSION", property + "=" + text + " is not a version: use the digits"
                    + " before the first _ of a migration file, e.g. 003");
        }
    }

    private static Map<String, AppliedMigration> byNumber(List<AppliedMigration> rows) {
        Map<String, AppliedMigration> map = new java.util.LinkedHashMap<>();
        rows.forEach(r -> map.put(numberKey(r.version()), r));
        return map;
    }

    /** {@code 001} and {@code 1} are the same version. */
    private static String numberKey(String version) {
        return MigrationVersion.isVersion(version) ? new java.math.BigInteger(version).toString() : version;
    }

    private static int compareVersions(String a, String b) {
        if (MigrationVersion.isVersion(a) && MigrationVersion.isVersion(b)) {
            return MigrationVersion.parse(a).compareTo(MigrationVersion.parse(b));
        }
        return a.compareTo(b);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private ConfitureException dbError(String what, SQLException e) {
        return new ConfitureException("DB_ERROR", "Could not " + what + " on " + config.database().describe() + ": "
                + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
    }

    /** Tells the listener how far a long run is: every {@link #PROGRESS_EVERY} migrations or {@link #PROGRESS_MS}. */
    private final class Progress {
        private final int total;
        private final long start = System.nanoTime();
        private long lastReport = start;

        Progress(int total) {
            this.total = total;
        }

        void tick(int done) {
            long now = System.nanoTime();
            if (done < total && (done % PROGRESS_EVERY == 0 || (now - lastReport) / 1_000_000 >= PROGRESS_MS)) {
                lastReport = now;
                listener.progress(done, total, (now - start) / 1_000_000);
            }
        }
    }
}
