package dev.confiture.runner;

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
import dev.confiture.runner.MigrationListener.Direction;
import dev.confiture.runner.db.AppliedMigration;
import dev.confiture.jdbc.ConnectionSource;
import dev.confiture.runner.db.MigrationLock;
import dev.confiture.runner.db.SessionSearchPath;
import dev.confiture.runner.db.SessionSettings;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.runner.migration.CallbackEvent;
import dev.confiture.runner.migration.Callbacks;
import dev.confiture.runner.migration.FileChange;
import dev.confiture.runner.migration.JavaCallbacks;
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
import dev.confiture.runner.report.StatusReport;

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
    /** The cache every operation reads through ({@link #textsFrom}), or null for one per operation. */
    private MigrationTexts sharedTexts;
    /** How one migration runs, and the dry-run scripts, on the session {@link #start} opened. */
    private MigrationExecutor executor;
    private DryRunScripts scripts;
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

    /**
     * Reads the migration and callback files of every operation through {@code shared}, instead of a
     * cache made afresh by each operation: verify runs an operation per up and per down on files that
     * do not change while it runs, and has read and cut them all once for its own checks already (a
     * migration of 2,900 lines was read, decoded and lexed twice before its first statement ran).
     */
    public MigrationRunner textsFrom(MigrationTexts shared) {
        this.sharedTexts = shared;
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
            TrackingTable.History history = tracking.history(c);
            StatusReport versioned = MigrationStatus.of(config.database().describe(), tracking.name().display(), onDisk,
                    history.versioned());
            return RepeatableStatus.append(versioned, repeatables, history.repeatables());
        } catch (SQLException e) {
            throw dbError("read the tracking table", e);
        }
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
        MigrationVersion targetVersion = target == null || target.isBlank() ? null : VersionKeys.parseVersion(target, "confiture.target");
        MigrationVersion baselineVersion = options.baselineOnMigrate()
                ? VersionKeys.parseVersion(options.baselineVersion(), "confiture.baselineVersion") : null;
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
            TrackingTable.History history = tracking.history(c);
            List<AppliedMigration> applied = history.versioned();
            AppliedFilesCheck.verify(onDisk, applied, config.migrationsDir(), listener);
            Map<String, AppliedMigration> appliedByVersion = VersionKeys.byNumber(applied);
            // A dry run records nothing: what baseline on migrate would record counts as applied all the same.
            java.util.Set<String> baselinedVersions = new java.util.HashSet<>();
            baselined.forEach(o -> baselinedVersions.add(VersionKeys.numberKey(o.version())));
            List<ResolvedMigration> pending = onDisk.stream()
                    .filter(m -> !appliedByVersion.containsKey(VersionKeys.numberKey(m.version().text())))
                    .filter(m -> !baselinedVersions.contains(VersionKeys.numberKey(m.version().text())))
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
                    ? RepeatableRun.due(discoverRepeatables(listing), history.repeatables()) : List.of();
            // Every pending migration, up and down, and every callback, before the first runs: a refusal changes nothing.
            MigrationStatements.refuseForbidden(pending, true, true, "nothing was applied", texts);
            MigrationStatements.refuseUnknownPlaceholders(pending, true, false, placeholders, texts);
            RepeatableRun.check(repeatables, placeholders, texts);
            callbackFiles.check(CallbackEvent.MIGRATE, placeholders);
            if (script != null) {
                scripts.writeMigrateScript(c, baseline.applies() ? baseline.toRecord() : List.of(), pending, repeatables, script);
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
            RunProgress progress = new RunProgress(listener, pending.size());
            BatchSizer sizer = new BatchSizer();
            boolean batching = !dryRun && !listener.startsBeforeEachRun();
            for (int i = 0; i < pending.size(); i++) {
                if (dryRun) {
                    ResolvedMigration m = pending.get(i);
                    MigrationOutcome o = new MigrationOutcome(m.version().text(), m.name(), m.kind().column(), "would_apply", 0,
                            m.kind() == MigrationKind.JAVA || !executor.needsNoTransaction(m.upFile()));
                    outcomes.add(o);
                    listener.finished(o, i + 1, pending.size());
                    continue;
                }
                int doneBefore = outcomes.size() - baselined.size();
                int size = batching ? sizer.next(pending, i, executor::batchableLength) : 1;
                MigrationExecutor.BatchRun batch = null;
                if (size > 1) {
                    long batchStart = System.nanoTime();
                    batch = executor.runBatch(c, pending.subList(i, i + size), doneBefore, lockRetries);
                    sizer.ran(batch.applied().size(), System.nanoTime() - batchStart);
                    // The lines each migration would have had, in the same order, as the batch ends.
                    for (MigrationOutcome o : batch.applied()) {
                        listener.starting(pending.get(i), Direction.UP, i + 1, pending.size());
                        outcomes.add(o);
                        listener.finished(o, i + 1, pending.size());
                        progress.tick(++i);
                    }
                    if (batch.failed() == null) {
                        i--;
                        continue;
                    }
                    doneBefore = outcomes.size() - baselined.size();
                }
                ResolvedMigration m = pending.get(i);
                listener.starting(m, Direction.UP, i + 1, pending.size());
                MigrationOutcome o;
                long aloneStart = System.nanoTime();
                try {
                    int before = doneBefore;
                    // A failure in a batch is this migration's first attempt: retried on a lock timeout, else thrown.
                    o = lockRetries.run(m, batch == null ? null : batch.failure(), batch == null ? List.of() : batch.blockers(),
                            () -> executor.run(c, m, Direction.UP, before));
                } catch (RuntimeException e) {
                    if (!lock.lost()) {
                        callbacks.afterError(c, e);
                    }
                    throw e;
                }
                if (batch != null && batch.rerun() != null) {
                    listener.info(m.displayName() + " was in a batch that failed without naming the failing migration ("
                            + batch.rerun().getMessage() + "); run again alone, it succeeded: the first failure was transient");
                }
                sizer.ran(1, System.nanoTime() - aloneStart);
                outcomes.add(o);
                listener.finished(o, i + 1, pending.size());
                progress.tick(i + 1);
            }
            RepeatableRun repeatableRun = new RepeatableRun(tracking, placeholders, searchPath, callbacks, watch, texts);
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
        MigrationVersion targetVersion = target == null || target.isBlank() ? null : VersionKeys.parseVersion(target, "confiture.target");
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
                    : applied.stream().filter(a -> VersionKeys.compareVersions(a.version(), targetVersion.text()) > 0).toList();
            if (toRollBack.isEmpty()) {
                if (script != null) {
                    scripts.writeRollbackScript(c, List.of(), script);
                }
                listener.info("Nothing to roll back" + (targetVersion == null ? ": no migration is applied"
                        : ": no applied migration is newer than " + targetVersion));
                return new RollbackReport(config.database().describe(), tracking.name().display(), dryRun, List.of(),
                        millisSince(start));
            }
            Map<String, ResolvedMigration> diskByVersion = new HashMap<>();
            onDisk.forEach(m -> diskByVersion.put(VersionKeys.numberKey(m.version().text()), m));
            List<ResolvedMigration> plan = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Path problemFile = null;
            for (AppliedMigration a : toRollBack) {
                ResolvedMigration m = diskByVersion.get(VersionKeys.numberKey(a.version()));
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
                scripts.writeRollbackScript(c, plan, script);
            }
            listener.info((dryRun ? "Would roll back " : "Rolling back ") + plan.size() + " migration(s)");
            if (!dryRun) {
                callbacks.runAlone(c, CallbackEvent.BEFORE_ROLLBACK, "Nothing was rolled back.");
            }
            List<MigrationOutcome> outcomes = new ArrayList<>();
            RunProgress progress = new RunProgress(listener, plan.size());
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
                MigrationOutcome o = executor.run(c, m, Direction.DOWN, outcomes.size());
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

    // ---------------------------------------------------------------- baseline

    /**
     * Records every migration up to and including {@code through} (all of them when null) as
     * applied without running it, kind {@code baseline}: for a database whose schema already
     * matches them (built from the schema files, or older than Confiture).
     */
    public BaselineReport baseline(String through) {
        MigrationVersion throughVersion = through == null || through.isBlank() ? null : VersionKeys.parseVersion(through, "confiture.through");
        List<ResolvedMigration> onDisk = discover();
        listener.info(RunnerText.targetLine(config.database()));
        try (MigrationLock held = start(); BlockedMigrationWatch watching = watch) {
            Connection c = held.connection();
            tracking.ensureExists(c);
            List<AppliedMigration> applied = tracking.applied(c);
            Map<String, AppliedMigration> appliedByVersion = VersionKeys.byNumber(applied);
            List<ResolvedMigration> toRecord = onDisk.stream()
                    .filter(m -> throughVersion == null || m.version().compareTo(throughVersion) <= 0)
                    .filter(m -> !appliedByVersion.containsKey(VersionKeys.numberKey(m.version().text())))
                    .toList();
            List<MigrationOutcome> recorded = BaselineOnMigrate.record(c, tracking,
                    new BaselineOnMigrate.Plan(toRecord, List.of(), true));
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
            Transactions.run(c, true, () -> {
                MigrationRepair.apply(c, tracking, changes, onDisk);
                return null;
            });
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

    // ---------------------------------------------------------------- checks and helpers

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
            texts = sharedTexts != null ? sharedTexts : new MigrationTexts();
            callbackFiles = Callbacks.load(config.run().callbacksDir());
            callbacks = new CallbackRunner(callbackFiles, JavaCallbacks.discover(config.javaClassLoader(), config.javaPackage()),
                    placeholders, texts, listener);
            searchPath = SessionSearchPath.capture(c);
            watch = new BlockedMigrationWatch(config.database(), lock.pid(), checkBlockedEvery, listener);
            executor = new MigrationExecutor(config, listener, lock, tracking, placeholders, texts, callbacks, searchPath, watch);
            scripts = new DryRunScripts(config, listener, tracking, placeholders, texts, callbackFiles, callbacks, searchPath);
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

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private ConfitureException dbError(String what, SQLException e) {
        return new ConfitureException("DB_ERROR", "Could not " + what + " on " + config.database().describe() + ": "
                + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
    }

}
