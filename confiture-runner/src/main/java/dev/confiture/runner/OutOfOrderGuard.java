package dev.confiture.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.db.AppliedMigration;
import dev.confiture.runner.migration.MigrationKind;
import dev.confiture.model.migration.MigrationVersion;
import dev.confiture.runner.migration.ResolvedMigration;

/**
 * Pending migrations older than the newest applied one: a branch merged late. Applying one can
 * surprise (it never ran before the newer ones on any other database), so {@code migrate} refuses
 * it unless {@code confiture.outOfOrder=true}, and {@code status} shows it as {@link #STATUS}.
 */
public final class OutOfOrderGuard {

    /** The status {@code status} gives a pending migration older than the newest applied one. */
    public static final String STATUS = "out-of-order";

    private OutOfOrderGuard() {
    }

    /** The highest applied version, baselines included; empty when nothing is applied. */
    public static Optional<AppliedMigration> newestApplied(List<AppliedMigration> applied) {
        return applied.stream().filter(a -> MigrationVersion.isVersion(a.version()))
                .max((a, b) -> MigrationVersion.compare(a.version(), b.version()));
    }

    /** Whether {@code m}, not applied, is older than {@code newest}. */
    public static boolean isLate(ResolvedMigration m, AppliedMigration newest) {
        return newest != null && MigrationVersion.compare(m.version().text(), newest.version()) < 0;
    }

    /** The pending migrations older than the newest applied one, in version order. */
    public static List<ResolvedMigration> late(List<ResolvedMigration> pending, List<AppliedMigration> applied) {
        AppliedMigration newest = newestApplied(applied).orElse(null);
        return pending.stream().filter(m -> isLate(m, newest)).toList();
    }

    /**
     * Refuses the run, before anything is applied, when a pending migration is older than the
     * newest applied one; names both versions and the property that allows it.
     */
    public static void refuse(List<ResolvedMigration> pending, List<AppliedMigration> applied) {
        List<ResolvedMigration> late = late(pending, applied);
        if (late.isEmpty()) {
            return;
        }
        AppliedMigration newest = newestApplied(applied).orElseThrow();
        String newestName = newest.version() + "_" + newest.name();
        StringBuilder message = new StringBuilder("Refused before anything ran, nothing was applied: ")
                .append(late.size() == 1 ? "a pending migration is" : late.size() + " pending migrations are")
                .append(" older than the newest applied migration ").append(newestName)
                .append(" (version ").append(newest.version()).append("):");
        late.forEach(m -> message.append("\n  - ").append(m.displayName()).append(" (version ")
                .append(m.version().text()).append(" < ").append(newest.version()).append(")"));
        message.append("\n  It was probably merged after ").append(newestName).append(" was applied here. If it does not")
                .append(" depend on being applied before ").append(newestName).append(", apply it anyway with")
                .append(" -Dconfiture.outOfOrder=true; otherwise give it a version above ").append(newest.version())
                .append(" (rename its files).");
        ResolvedMigration first = late.get(0);
        Path file = first.kind() == MigrationKind.SQL ? first.upFile() : null;
        throw new ConfitureException("MIGRATION_OUT_OF_ORDER", message.toString(), file, 0, true, null);
    }
}
