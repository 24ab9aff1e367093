package dev.confiture.lint;

import java.util.List;
import java.util.Optional;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.QualifiedName;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;

/**
 * A statement that changes rows, as JSqlParser reads it: which table, and whether a {@code WHERE}
 * narrows it. Our lexer and DDL interpreter know DDL; JSqlParser knows the shape of DML (CTEs,
 * {@code FROM}/{@code USING} joins, subqueries), so a {@code WHERE} inside a subquery is not
 * mistaken for the statement's own.
 *
 * @param kind     what the statement does
 * @param table    the table whose rows change
 * @param narrowed true when the statement has its own {@code WHERE}
 */
record DataChange(Kind kind, QualifiedName table, boolean narrowed) {

    enum Kind {
        UPDATE, DELETE, INSERT_SELECT
    }

    /** True for an UPDATE or an INSERT ... SELECT: rows written from other rows, as a backfill does. */
    boolean backfills() {
        return kind != Kind.DELETE;
    }

    /**
     * The data change of the statement, or empty for any other statement, an {@code INSERT ... VALUES}
     * and DML that JSqlParser cannot read (PostgreSQL-only forms such as {@code WHERE CURRENT OF}).
     */
    static Optional<DataChange> of(StatementContext s) {
        if (!s.is(0, "update", "delete", "insert", "with")) {
            return Optional.empty();
        }
        Statement parsed;
        try {
            parsed = new CCJSqlParser(withoutOnly(s)).Statement();
        } catch (Exception e) {
            // ParseException, TokenMgrException, and the ClassCastException 5.4 throws on a few forms
            return Optional.empty();
        }
        if (parsed instanceof Update u) {
            return Optional.of(new DataChange(Kind.UPDATE, name(s, u.getTable()), u.getWhere() != null));
        }
        if (parsed instanceof Delete d) {
            return Optional.of(new DataChange(Kind.DELETE, name(s, d.getTable()), d.getWhere() != null));
        }
        if (parsed instanceof Insert i && i.getSelect() != null && !(i.getSelect() instanceof Values)) {
            return Optional.of(new DataChange(Kind.INSERT_SELECT, name(s, i.getTable()), true));
        }
        return Optional.empty();
    }

    /**
     * The statement with PostgreSQL's {@code ONLY} (no inheritance children) blanked out: JSqlParser
     * 5.4 refuses {@code UPDATE ONLY t} and {@code DELETE FROM ONLY t}, and ONLY changes nothing here.
     */
    private static String withoutOnly(StatementContext s) {
        StringBuilder sql = new StringBuilder(s.statement.sql());
        for (int i = 0; i < s.tokens.size(); i++) {
            if (s.is(i, "only") && (s.is(i - 1, "update") || s.is(i - 1, "from"))) {
                int at = s.tokens.get(i).offset();
                sql.replace(at, at + 4, "    ");
            }
        }
        return sql.toString();
    }

    private static QualifiedName name(StatementContext s, Table t) {
        String schema = t.getSchemaName();
        return schema == null ? s.resolve(List.of(Identifiers.fold(t.getName())))
                : QualifiedName.of(Identifiers.fold(schema), Identifiers.fold(t.getName()));
    }
}
