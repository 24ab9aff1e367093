package dev.confiture.lint;

import java.util.Optional;

/**
 * A backfill ({@code UPDATE}, or {@code INSERT ... SELECT}) of a table that an {@code ALTER TABLE}
 * of the same transactional migration changes: the migration is one transaction, so the ACCESS
 * EXCLUSIVE lock of an ALTER before the backfill is held while every row is written (reads and
 * writes wait the whole time), and the row locks of a backfill before an ALTER are held until that
 * ALTER has waited for its own lock and finished. Typical: ADD COLUMN, UPDATE it, SET NOT NULL in one
 * file. A migration that runs outside a transaction, or a table nobody uses yet, is not reported.
 */
final class BackfillWithDdl implements LintRule {

    @Override
    public String id() {
        return "backfill-in-ddl-transaction";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public void check(StatementContext s) {
        Optional<DataChange> change = s.dataChange().filter(DataChange::backfills);
        if (change.isEmpty() || s.busyTable(change.get().table()).isEmpty()) {
            return;
        }
        Optional<MigrationShape.Alter> alter = s.shape().alterSharingTransaction(change.get().table(), s.index());
        if (alter.isEmpty()) {
            return;
        }
        String t = change.get().table().toString();
        boolean alterFirst = alter.get().index() < s.index();
        String safe = alterFirst
                ? "-- migration N: the ALTER TABLE alone (with SET lock_timeout)\n-- then the backfill in batches,"
                + " each committed on its own (a Java migration or a job):\n" + s.sql() + " -- narrowed to a batch\n"
                + "-- migration N+1: what needs the filled column (CHECK ... NOT VALID, VALIDATE, SET NOT NULL)"
                : "-- the backfill in batches, each committed on its own (a Java migration or a job):\n" + s.sql()
                + " -- narrowed to a batch\n-- then, in the next migration, the ALTER TABLE of line " + alter.get().line();
        if (alterFirst) {
            s.report(this, 0, "ACCESS EXCLUSIVE", "reads, writes", false, "this backfill of " + t + " runs in the"
                    + " transaction of the ALTER TABLE on line " + alter.get().line() + ", whose ACCESS EXCLUSIVE lock"
                    + " is held until the last row is written: reads and writes of " + t + " wait the whole time", safe);
        } else {
            s.report(this, 0, "ROW EXCLUSIVE", "writes", false, "this backfill of " + t + " shares a transaction with"
                    + " the ALTER TABLE on line " + alter.get().line() + ": every row it writes stays locked until that"
                    + " ALTER has waited for its ACCESS EXCLUSIVE lock and finished", safe);
        }
    }
}
