package dev.confiture.lint;

import java.util.Optional;

/**
 * {@code DETACH PARTITION} takes ACCESS EXCLUSIVE on the partitioned table (reads and writes on every
 * partition wait); from PostgreSQL 14, {@code DETACH PARTITION ... CONCURRENTLY} takes SHARE UPDATE
 * EXCLUSIVE only.
 */
final class DetachPartitionWithoutConcurrently implements LintRule {

    @Override
    public String id() {
        return "detach-partition-without-concurrently";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public void check(StatementContext s) {
        Optional<StatementContext.AlterTable> alter = s.alterOfBusyTable();
        if (s.postgresVersion < 14 || alter.isEmpty()) {
            return;
        }
        for (int[] a : alter.get().actions()) {
            if (s.is(a[0], "detach") && s.is(a[0] + 1, "partition") && !s.has("concurrently", a[0], a[1])
                    && !s.has("finalize", a[0], a[1])) {
                String safe = s.text(0, a[1]) + " CONCURRENTLY;\n-- alone in its migration: it cannot run in a transaction";
                s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", false, "DETACH PARTITION locks "
                        + alter.get().table() + " and all its partitions against reads and writes", safe);
            }
        }
    }
}
