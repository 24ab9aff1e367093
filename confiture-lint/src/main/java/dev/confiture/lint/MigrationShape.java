package dev.confiture.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.confiture.model.schema.QualifiedName;
import dev.confiture.sql.SqlStatements;

/**
 * What a rule needs to know about the whole migration a statement stands in: whether the runner
 * runs it in one transaction (no statement PostgreSQL refuses inside one, see docs/migrations.md),
 * so that every lock a statement takes is held until the last statement ends; and which statements
 * alter which table.
 */
record MigrationShape(boolean transactional, List<Alter> alters) {

    /** Statement {@code index} (0-based in the migration) is an ALTER TABLE of {@code table}, at {@code line}. */
    record Alter(int index, QualifiedName table, int line) {
    }

    MigrationShape {
        alters = List.copyOf(alters);
    }

    static MigrationShape of(List<StatementContext> statements) {
        boolean transactional = true;
        List<Alter> alters = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            StatementContext s = statements.get(i);
            transactional &= !SqlStatements.requiresNoTransaction(s.statement.sql());
            int index = i;
            s.alterTable().ifPresent(a -> alters.add(new Alter(index, a.table(), s.statement.line())));
        }
        return new MigrationShape(transactional, alters);
    }

    /**
     * The ALTER TABLE of {@code table} that shares the transaction of statement {@code index}: the
     * nearest one before it, else the nearest one after it; empty outside a transaction.
     */
    Optional<Alter> alterSharingTransaction(QualifiedName table, int index) {
        if (!transactional) {
            return Optional.empty();
        }
        Alter after = null;
        Alter before = null;
        for (Alter a : alters) {
            if (!a.table().equals(table) || a.index() == index) {
                continue;
            }
            if (a.index() < index) {
                before = a;
            } else if (after == null) {
                after = a;
            }
        }
        return Optional.ofNullable(before != null ? before : after);
    }
}
