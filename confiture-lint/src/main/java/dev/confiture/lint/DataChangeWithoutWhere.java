package dev.confiture.lint;

import java.util.Optional;

import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Table;

/**
 * {@code UPDATE} or {@code DELETE} without {@code WHERE} on a table that holds rows before the
 * migration: every row is locked until the migration commits (writers of any row wait), and an
 * UPDATE writes a new version of every row (the table doubles until vacuum). A table created in the
 * same migration or in a pending one holds nothing yet and is not reported.
 */
final class DataChangeWithoutWhere implements LintRule {

    @Override
    public String id() {
        return "update-or-delete-without-where";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public void check(StatementContext s) {
        Optional<DataChange> change = s.dataChange().filter(c -> c.kind() != DataChange.Kind.INSERT_SELECT && !c.narrowed());
        if (change.isEmpty()) {
            return;
        }
        Optional<Table> table = s.busyTable(change.get().table());
        if (table.isEmpty()) {
            return;
        }
        String t = change.get().table().toString();
        String key = primaryKey(table.get());
        boolean update = change.get().kind() == DataChange.Kind.UPDATE;
        String message = (update ? "UPDATE" : "DELETE") + " without WHERE on " + t + " locks every row until the"
                + " migration commits, so every writer of the table waits" + (update
                ? ", and writes a new version of every row (the table doubles until vacuum)" : "");
        String batch = "WHERE " + key + " IN (SELECT " + key + " FROM " + t + " WHERE <not done yet> LIMIT 1000)";
        String safe = "-- in batches, each committed on its own (a Java migration or a job), until no row is left:\n"
                + (update ? s.text(0, setEnd(s)) + " " + batch : "DELETE FROM " + t + " " + batch) + ";"
                + (update ? "" : "\n-- or, to empty it and if a short ACCESS EXCLUSIVE lock is fine: TRUNCATE " + t + ";");
        s.report(this, 0, "ROW EXCLUSIVE", "writes", update, message, safe);
    }

    /** Where the UPDATE's SET list ends: before RETURNING, or the end of the statement. */
    private static int setEnd(StatementContext s) {
        int end = s.tokens.size();
        if (end > 0 && s.tokens.get(end - 1).text().equals(";")) {
            end--;
        }
        int returning = s.find("returning", 0, end);
        return returning >= 0 ? returning : end;
    }

    /** The table's primary key column (the first one of a composite key), or a placeholder. */
    private static String primaryKey(Table table) {
        return table.constraints().values().stream()
                .filter(c -> c.kind() == Constraint.Kind.PRIMARY_KEY && !c.columns().isEmpty())
                .map(c -> c.columns().get(0)).findFirst().orElse("<key>");
    }
}
