package dev.confiture.lint;

import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Table;
import dev.confiture.sql.SqlLexer;
import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One statement of a migration and what a rule needs to judge it: its tokens, the schema as it
 * stood before the migration, the tables nobody uses yet (created in a pending migration) and the
 * constraints validated earlier in the same migration.
 */
final class StatementContext {

    final LintMigration migration;
    final SqlStatement statement;
    final List<SqlToken> tokens;
    final SchemaModel before;
    final Set<QualifiedName> freshTables;
    final Set<String> validatedHere;
    final int postgresVersion;
    /** Where this statement's unqualified names are looked up: the migration's SETs before it decide. */
    final SearchPath searchPath;
    /** Which functions are volatile: PostgreSQL's own, and those of the schema before and after the migration. */
    final FunctionVolatility functions;
    /** True when the migration holds other statements than this one (besides session SETs). */
    final boolean sharesMigration;
    final List<Finding> findings = new ArrayList<>();
    /** The migration as a whole and this statement's place in it (0-based), set before the rules run. */
    private MigrationShape shape;
    private int index;
    private Optional<DataChange> dataChange;

    StatementContext(LintMigration migration, SqlStatement statement, SchemaModel before, Set<QualifiedName> freshTables,
                     Set<String> validatedHere, int postgresVersion, boolean sharesMigration, FunctionVolatility functions,
                     SearchPath searchPath) {
        this.migration = migration;
        this.statement = statement;
        this.tokens = SqlLexer.tokenize(statement.sql());
        this.before = before;
        this.freshTables = freshTables;
        this.validatedHere = validatedHere;
        this.postgresVersion = postgresVersion;
        this.sharesMigration = sharesMigration;
        this.functions = functions;
        this.searchPath = searchPath;
    }

    void placeIn(MigrationShape shape, int index) {
        this.shape = shape;
        this.index = index;
    }

    MigrationShape shape() {
        return shape;
    }

    int index() {
        return index;
    }

    /** The rows this statement changes ({@link DataChange}), read once. */
    Optional<DataChange> dataChange() {
        if (dataChange == null) {
            dataChange = DataChange.of(this);
        }
        return dataChange;
    }

    /** The lower-case word at {@code i}, or null when it is not an unquoted word. */
    String word(int i) {
        return i >= 0 && i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.WORD ? tokens.get(i).value() : null;
    }

    boolean is(int i, String... words) {
        String w = word(i);
        if (w == null) {
            return false;
        }
        for (String candidate : words) {
            if (candidate.equals(w)) {
                return true;
            }
        }
        return false;
    }

    /** First index at or after {@code from} (below {@code to}) of the word, at parenthesis depth 0; -1 if none. */
    int find(String word, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            String t = tokens.get(i).text();
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            } else if (depth == 0 && is(i, word)) {
                return i;
            }
        }
        return -1;
    }

    boolean has(String word, int from, int to) {
        return find(word, from, to) >= 0;
    }

    /**
     * A possibly qualified name starting at {@code i}: its parts, the index after it, and the object
     * it names ({@link #resolve}).
     */
    record Name(List<String> parts, int end, QualifiedName qualified) {
    }

    /**
     * What {@code parts} names: a qualified name as written; an unqualified one in the first schema
     * of the search path that holds a table, or a table's index, of that name before the migration,
     * else in the first schema of the path (where a CREATE would put it).
     */
    QualifiedName resolve(List<String> parts) {
        if (parts.size() >= 2) {
            return QualifiedName.of(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
        }
        String name = parts.get(0);
        for (String schema : searchPath.schemas()) {
            QualifiedName candidate = QualifiedName.of(schema, name);
            if (before.tables().containsKey(candidate) || freshTables.contains(candidate) || hasIndex(schema, name)) {
                return candidate;
            }
        }
        return QualifiedName.of(searchPath.schemas().get(0), name);
    }

    private boolean hasIndex(String schema, String index) {
        return before.tables().values().stream().anyMatch(t -> t.name().schema().equals(schema)
                && (t.indexes().containsKey(index) || constraintIndex(t, index)));
    }

    Name name(int i) {
        List<String> parts = new ArrayList<>();
        while (i < tokens.size() && (tokens.get(i).kind() == SqlToken.Kind.WORD
                || tokens.get(i).kind() == SqlToken.Kind.QUOTED_IDENT)) {
            parts.add(tokens.get(i).value());
            i++;
            if (i < tokens.size() && tokens.get(i).text().equals(".")) {
                i++;
            } else {
                break;
            }
        }
        return new Name(parts, i, parts.isEmpty() ? null : resolve(parts));
    }

    /**
     * The table as it stood before the migration, when other sessions may be using it: present in
     * the schema before the migration and not created by a migration that is still pending.
     */
    Optional<Table> busyTable(QualifiedName name) {
        if (freshTables.contains(name)) {
            return Optional.empty();
        }
        return Optional.ofNullable(before.tables().get(name));
    }

    /** The busy table owning index {@code name}. */
    Optional<Table> busyTableOfIndex(QualifiedName index) {
        for (Table t : before.tables().values()) {
            if (t.name().schema().equals(index.schema()) && (t.indexes().containsKey(index.name())
                    || constraintIndex(t, index.name()))) {
                return busyTable(t.name());
            }
        }
        return Optional.empty();
    }

    private static boolean constraintIndex(Table t, String name) {
        Constraint c = t.constraints().get(name);
        return c != null && (c.kind() == Constraint.Kind.PRIMARY_KEY || c.kind() == Constraint.Kind.UNIQUE);
    }

    /**
     * The token index of the column an ALTER TABLE action names after its first keyword and an
     * optional {@code COLUMN}: {@code ALTER [COLUMN] c}, {@code ADD [COLUMN] c}, {@code RENAME [COLUMN] c}.
     */
    int columnAfterKeyword(int actionStart) {
        return is(actionStart + 1, "column") ? actionStart + 2 : actionStart + 1;
    }

    /**
     * An {@code ALTER [COLUMN] c ...} action of an ALTER TABLE: the column's name and the index of
     * its token (what the action does starts at {@code at + 1}).
     */
    record AlteredColumn(String name, int at) {
    }

    /** The column an ALTER TABLE action alters, or empty for an action that is not an ALTER. */
    Optional<AlteredColumn> alteredColumn(int[] action) {
        if (!is(action[0], "alter")) {
            return Optional.empty();
        }
        int c = columnAfterKeyword(action[0]);
        return c < action[1] ? Optional.of(new AlteredColumn(tokens.get(c).value(), c)) : Optional.empty();
    }

    /**
     * An {@code ADD [COLUMN] [IF NOT EXISTS] c type ...} action of an ALTER TABLE: the column's name
     * and the index of its token (its type starts at {@code at + 1}).
     */
    record AddedColumn(String name, int at) {
    }

    /** The column an ALTER TABLE action adds, or empty for an action that is not an ADD or adds a constraint. */
    Optional<AddedColumn> addedColumn(int[] action) {
        if (!is(action[0], "add") || is(action[0] + 1, "constraint", "check", "foreign", "primary", "unique", "exclude")) {
            return Optional.empty();
        }
        int c = columnAfterKeyword(action[0]);
        if (is(c, "if") && is(c + 1, "not")) {
            c += 3;
        }
        return Optional.of(new AddedColumn(tokens.get(Math.min(c, action[1] - 1)).value(), c));
    }

    /**
     * An {@code ADD [CONSTRAINT name] ...} action of an ALTER TABLE: the constraint's name as written
     * (null when it has none) and the index of the token its definition starts at.
     */
    record AddedConstraint(String name, int definition) {
    }

    /** The constraint an ALTER TABLE action adds, or empty for an action that is not an ADD. */
    Optional<AddedConstraint> addedConstraint(int[] action) {
        if (!is(action[0], "add")) {
            return Optional.empty();
        }
        int i = action[0] + 1;
        if (is(i, "constraint")) {
            return Optional.of(new AddedConstraint(name(i + 1).parts().isEmpty() ? null : tokens.get(i + 1).text(), i + 2));
        }
        return Optional.of(new AddedConstraint(null, i));
    }

    /**
     * ALTER TABLE's target and its actions (token ranges split at top-level commas), or empty for
     * another statement.
     */
    record AlterTable(QualifiedName table, List<int[]> actions) {
    }

    /** {@link #alterTable()} when its table is busy ({@link #busyTable}): what most lock rules judge. */
    Optional<AlterTable> alterOfBusyTable() {
        return alterTable().filter(a -> busyTable(a.table()).isPresent());
    }

    Optional<AlterTable> alterTable() {
        if (!is(0, "alter") || !is(1, "table")) {
            return Optional.empty();
        }
        int i = 2;
        if (is(i, "if") && is(i + 1, "exists")) {
            i += 2;
        }
        if (is(i, "only")) {
            i++;
        }
        Name n = name(i);
        if (n.parts().isEmpty()) {
            return Optional.empty();
        }
        i = n.end();
        if (i < tokens.size() && tokens.get(i).text().equals("*")) {
            i++;
        }
        List<int[]> actions = new ArrayList<>();
        int depth = 0;
        int start = i;
        for (int j = i; j < tokens.size(); j++) {
            String t = tokens.get(j).text();
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            } else if (depth == 0 && t.equals(",")) {
                actions.add(new int[] {start, j});
                start = j + 1;
            }
        }
        int end = tokens.size();
        if (end > start && tokens.get(end - 1).text().equals(";")) {
            end--;
        }
        actions.add(new int[] {start, end});
        return Optional.of(new AlterTable(n.qualified(), actions));
    }

    /** The source text of tokens {@code from} (inclusive) to {@code to} (exclusive), as written. */
    String text(int from, int to) {
        if (from >= to) {
            return "";
        }
        SqlToken last = tokens.get(to - 1);
        return statement.sql().substring(tokens.get(from).offset(), last.offset() + last.text().length());
    }

    /** The whole statement's text, as written. */
    String sql() {
        return statement.sql().strip();
    }

    /** Adds a finding located at token {@code at}. */
    void report(LintRule rule, int at, String lock, String blocks, boolean rewrites, String message, String safe) {
        int line = statement.line();
        int column = statement.column();
        if (at >= 0 && at < tokens.size()) {
            int offset = tokens.get(at).offset();
            String sql = statement.sql();
            int lastNewline = sql.lastIndexOf('\n', offset - 1);
            line += tokens.get(at).line();
            column = lastNewline < 0 ? column + offset : offset - lastNewline;
        }
        findings.add(new Finding(rule.id(), rule.severity().word(), migration.name(), migration.file(), line, column, lock,
                blocks, rewrites, message, safe, null));
    }
}
