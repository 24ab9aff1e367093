package dev.confiture.sql.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.QualifiedName;

/**
 * A table's or an index's storage parameters ({@code WITH (fillfactor = 70, autovacuum_vacuum_scale_factor =
 * 0.01)}, {@code ALTER TABLE ... SET (...)}, pg_class.reloptions and its TOAST table's as {@code toast.*}),
 * kept as one {@link ObjectRef.Kind#STORAGE_PARAMETERS} mark per relation: an {@link OtherObject} whose SQL
 * is {@code ALTER TABLE t SET (name = 'value', ...)} in name order and whose drop is {@code ALTER TABLE t RESET
 * (name, ...)}. The catalog reader and the DDL interpreter both build it here, so that the same parameters
 * compare equal; a changed set is reset and set again, a relation created again gets it again.
 */
public final class StorageParameters {

    private StorageParameters() {
    }

    /** The mark of {@code relation} (of kind TABLE or INDEX) holding {@code parameters}; null when there are none. */
    public static OtherObject mark(ObjectRef.Kind kind, QualifiedName relation, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return null;
        }
        SortedMap<String, String> sorted = new TreeMap<>(parameters);
        String alter = "ALTER " + kind.sql() + " " + relation;
        List<String> set = new ArrayList<>();
        sorted.forEach((name, value) -> set.add(name + " = '" + value.replace("'", "''") + "'"));
        ObjectRef ref = ref(relation);
        return new OtherObject(ref, OpaqueSql.canonical(alter + " SET (" + String.join(", ", set) + ")"),
                alter + " RESET (" + String.join(", ", sorted.keySet()) + ")", Set.of(ObjectRef.of(kind, relation)));
    }

    public static ObjectRef ref(QualifiedName relation) {
        return new ObjectRef(ObjectRef.Kind.STORAGE_PARAMETERS, relation.toString());
    }

    /** {@code name=value} entries as pg_class.reloptions holds them, {@code prefix} before each name ({@code toast.}). */
    public static Map<String, String> fromReloptions(List<String> entries, String prefix, Map<String, String> into) {
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            into.put(prefix + (eq < 0 ? entry : entry.substring(0, eq)), eq < 0 ? "true" : entry.substring(eq + 1));
        }
        return into;
    }

    /** The parameters of a written {@code (name = value, toast.name, ...)} list: a name alone means true. */
    static Map<String, String> parse(List<Token> inside) {
        Map<String, String> out = new TreeMap<>();
        if (inside.isEmpty()) {
            return out;
        }
        for (List<Token> option : Cursor.splitCommas(inside)) {
            int eq = -1;
            for (int i = 0; i < option.size(); i++) {
                if (option.get(i).isPunct("=")) {
                    eq = i;
                    break;
                }
            }
            List<Token> nameTokens = eq < 0 ? option : option.subList(0, eq);
            StringBuilder name = new StringBuilder();
            for (Token t : nameTokens) {
                name.append(t.isIdentifier() ? t.value().toLowerCase(Locale.ROOT) : t.text());
            }
            String value = eq < 0 ? "true" : valueOf(option.subList(eq + 1, option.size()));
            out.put(name.toString(), value);
        }
        return out;
    }

    private static String valueOf(List<Token> tokens) {
        if (tokens.size() == 1 && (tokens.get(0).isStringLike() || tokens.get(0).isIdentifier())) {
            return tokens.get(0).value();
        }
        return SqlText.render(tokens).replace(" ", "");
    }

    /** Whether the cursor is at {@code SET (} or {@code RESET (}: storage parameters, not another SET form. */
    static boolean at(Cursor c) {
        return c.is("set", "(") || c.is("reset", "(");
    }

    /** Applies {@code SET (...)} or {@code RESET (...)}, where the cursor is ({@link #at}), to the relation's mark. */
    static void alter(Interpretation st, ObjectRef.Kind kind, QualifiedName relation, Cursor c) {
        boolean set = c.accept("set");
        if (!set) {
            c.expect("reset");
        }
        Map<String, String> now = current(st, relation);
        Map<String, String> written = parse(c.parenthesized());
        if (set) {
            now.putAll(written);
        } else {
            now.keySet().removeAll(written.keySet());
        }
        put(st, kind, relation, now);
    }

    /** Sets the relation's parameters to {@code parameters} (a CREATE ... WITH), replacing any. */
    static void put(Interpretation st, ObjectRef.Kind kind, QualifiedName relation, Map<String, String> parameters) {
        st.model.others.remove(ref(relation));
        OtherObject mark = mark(kind, relation, parameters);
        if (mark != null) {
            st.model.others.put(mark.ref(), mark);
        }
    }

    /** The relation was dropped. */
    static void clear(Interpretation st, QualifiedName relation) {
        st.model.others.remove(ref(relation));
    }

    /** The relation was renamed or moved: its mark follows it. */
    static void renamed(Interpretation st, ObjectRef.Kind kind, QualifiedName from, QualifiedName to) {
        OtherObject o = st.model.others.get(ref(from));
        if (o != null) {
            Map<String, String> parameters = current(st, from);
            clear(st, from);
            put(st, kind, to, parameters);
        }
    }

    private static Map<String, String> current(Interpretation st, QualifiedName relation) {
        OtherObject o = st.model.others.get(ref(relation));
        Map<String, String> out = new TreeMap<>();
        if (o == null) {
            return out;
        }
        String sql = o.createSql();
        int open = sql.indexOf(" set (");
        return parse(Token.tokenize(sql.substring(open + 6, sql.length() - 1)));
    }
}
