package dev.confiture.runner;

import java.util.List;

import dev.confiture.sql.SqlStatement;
import dev.confiture.runner.MigrationListener.Direction;
import dev.confiture.runner.migration.ResolvedMigration;

/**
 * What a failed migration leaves behind, said exactly: which statements stay done, and whether the
 * migration is recorded. "Nothing was applied" is said only where PostgreSQL rolled everything back.
 */
final class Aftermath {

    /** Statements listed by their text up to this many; beyond it, by number only. */
    private static final int LISTED = 5;

    private Aftermath() {
    }

    /**
     * A migration run in one transaction that was rolled back; {@code doneBefore} migrations of this
     * run went before it (applied, or for a rollback, rolled back).
     */
    static String rolledBack(ResolvedMigration m, Direction direction, int doneBefore) {
        String name = m.displayName();
        if (direction == Direction.UP) {
            return "Nothing of " + name + " was applied (its transaction was rolled back)"
                    + (doneBefore > 0 ? "; the " + doneBefore + " migration(s) before it in this run stay applied and recorded." : ".");
        }
        return "The down of " + name + " was rolled back: " + name + " stays applied and recorded"
                + (doneBefore > 0 ? "; the " + doneBefore + " migration(s) rolled back before it in this run stay rolled back." : ".");
    }

    /** True when {@code aftermath} (of an up, from this class) says nothing of the migration stayed applied. */
    static boolean nothingApplied(String aftermath) {
        return aftermath.startsWith("Nothing of ") || aftermath.startsWith("No statement of ");
    }

    /**
     * A migration run statement by statement outside a transaction, whose statement {@code failed}
     * (0-based) failed: the ones before it stay.
     */
    static String outsideTransaction(ResolvedMigration m, Direction direction, List<SqlStatement> statements, int failed) {
        String name = m.displayName();
        String of = direction == Direction.UP ? name : "the down of " + name;
        if (failed == 0) {
            return direction == Direction.UP
                    ? "No statement of " + name + " had run: nothing of it was applied, and it is not recorded."
                    : "No statement of the down of " + name + " had run: " + name + " stays applied and recorded.";
        }
        String range = failed == 1 ? "Statement 1" : "Statements 1-" + failed;
        String stay = failed == 1 ? " stays " : " stay ";
        StringBuilder text = new StringBuilder(range).append(" of ").append(statements.size()).append(" of ").append(of)
                .append(" ran outside a transaction and")
                .append(stay).append(direction == Direction.UP ? "applied: " : "done: ");
        for (int i = 0; i < Math.min(failed, LISTED); i++) {
            text.append(i == 0 ? "" : "; ").append(StatementFailure.excerpt(statements.get(i).sql()));
        }
        if (failed > LISTED) {
            text.append("; and ").append(failed - LISTED).append(" more");
        }
        text.append(". ");
        if (direction == Direction.UP) {
            text.append(name).append(" is not recorded as applied: make those statements idempotent (IF NOT EXISTS)"
                    + " or undo them before running it again.");
        } else {
            text.append(name).append(" is still recorded as applied: finish undoing it by hand, or make the down's"
                    + " statements idempotent (IF EXISTS), before rolling it back again.");
        }
        return text.toString();
    }

    /** Every statement of a migration run outside a transaction ran, but recording it (or removing its record) failed. */
    static String notTracked(ResolvedMigration m, Direction direction, int statements) {
        String name = m.displayName();
        return direction == Direction.UP
                ? "All " + statements + " statement(s) of " + name + " ran outside a transaction and stay applied, but "
                + name + " is not recorded as applied: check with confiture:status, and record it with confiture:baseline"
                + " -Dconfiture.through=" + m.version().text() + " once the earlier migrations are applied."
                : "All " + statements + " statement(s) of the down of " + name + " ran outside a transaction and stay done,"
                + " but " + name + " is still recorded as applied: delete its row from the tracking table by hand.";
    }
}
