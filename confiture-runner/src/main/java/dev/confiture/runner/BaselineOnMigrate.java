package dev.confiture.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.runner.build.UserObjects;
import dev.confiture.runner.build.UserObjects.UserObject;
import dev.confiture.runner.db.AppliedMigration;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.model.migration.MigrationVersion;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.MigrationOutcome;

/**
 * {@code confiture.baselineOnMigrate}: a database that already holds objects but has no applied
 * migration (no tracking table, or an empty one) was made by something else, say Flyway, a dump or
 * hand-written DDL. Instead of running the first migrations again over it, the migrations up to the
 * baseline version are recorded as applied (kind {@code baseline}, as {@code confiture:baseline}
 * does) and {@code migrate} goes on with the newer ones. On an empty database, or one with applied
 * migrations, it does nothing.
 */
final class BaselineOnMigrate {

    /**
     * What to record: the migrations up to {@code baselineVersion}, in version order, and the objects
     * that made the database count as not empty. {@link #NONE} when there is nothing to baseline.
     */
    record Plan(List<ResolvedMigration> toRecord, List<UserObject> objects, boolean applies) {
        static final Plan NONE = new Plan(List.of(), List.of(), false);
    }

    private BaselineOnMigrate() {
    }

    static Plan plan(Connection c, TrackingTable tracking, List<AppliedMigration> applied, List<ResolvedMigration> onDisk,
                     MigrationVersion baselineVersion) throws SQLException {
        if (!applied.isEmpty()) {
            return Plan.NONE;
        }
        List<UserObject> objects = UserObjects.list(c, tracking.qualifiedName().sql());
        if (objects.isEmpty()) {
            return Plan.NONE;
        }
        List<ResolvedMigration> toRecord = onDisk.stream().filter(m -> m.version().compareTo(baselineVersion) <= 0).toList();
        return new Plan(toRecord, objects, true);
    }

    /**
     * Records the plan's migrations in one transaction (all or none; a failure is reported as it was,
     * whatever the rollback after it does: {@link Transactions}); the tracking table exists.
     */
    static List<MigrationOutcome> record(Connection c, TrackingTable tracking, Plan plan) throws SQLException {
        return Transactions.run(c, true, () -> {
            List<MigrationOutcome> recorded = new ArrayList<>();
            for (ResolvedMigration m : plan.toRecord()) {
                tracking.recordBaseline(c, m.version().text(), m.name(), m.checksum(), m.upChecksum());
                recorded.add(outcome(m));
            }
            return recorded;
        });
    }

    static MigrationOutcome outcome(ResolvedMigration m) {
        return new MigrationOutcome(m.version().text(), m.name(), TrackingTable.KIND_BASELINE, "baselined", 0, true);
    }

    /** What the log says before the rows are written: why, and which objects (a few) were found. */
    static String describe(Plan plan, MigrationVersion baselineVersion, boolean dryRun) {
        List<UserObject> objects = plan.objects();
        String some = objects.stream().limit(3).map(UserObject::toString).reduce((a, b) -> a + ", " + b).orElse("");
        return "The database holds " + objects.size() + " object(s) (" + some + (objects.size() > 3 ? ", ..." : "")
                + ") and no applied migration: confiture.baselineOnMigrate=true "
                + (dryRun ? "would record " : "records ") + plan.toRecord().size()
                + " migration(s) up to version " + baselineVersion + " as applied without running them";
    }
}
