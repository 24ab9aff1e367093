package dev.confiture.sql.ddl;

import java.util.Set;

import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.QualifiedName;

/**
 * A typed table's type ({@code CREATE TABLE t OF type}): the table is kept with its columns, and one
 * {@link ObjectRef.Kind#TABLE_OF_TYPE} mark, an {@link OtherObject} whose SQL is {@code ALTER TABLE t OF type} and
 * whose drop is {@code ALTER TABLE t NOT OF}, ties it to the type. Built here for both readers.
 */
public final class TypedTable {

    private TypedTable() {
    }

    /** The mark tying {@code table} to {@code type} (schema-qualified, as format_type prints it). */
    public static OtherObject mark(QualifiedName table, String type) {
        ObjectRef ref = ref(table);
        return new OtherObject(ref, OpaqueSql.canonical("ALTER TABLE " + table + " OF " + type),
                "ALTER TABLE " + table + " NOT OF", Set.of(ObjectRef.table(table)));
    }

    public static ObjectRef ref(QualifiedName table) {
        return new ObjectRef(ObjectRef.Kind.TABLE_OF_TYPE, table.toString());
    }

    /** {@code ALTER TABLE t OF type} or {@code NOT OF}, the cursor at {@code OF} or {@code NOT}. */
    static void alter(Interpretation st, QualifiedName table, Cursor c) {
        if (c.accept("not", "of")) {
            st.model.others.remove(ref(table));
        } else {
            c.expect("of");
            OtherObject mark = mark(table, Interpretation.displayName(st.typeName(c.dottedName())));
            st.model.others.put(mark.ref(), mark);
        }
    }

    /** The table was dropped. */
    static void clear(Interpretation st, QualifiedName table) {
        st.model.others.remove(ref(table));
    }

    /** The table was renamed or moved: its mark follows it. */
    static void renamed(Interpretation st, QualifiedName from, QualifiedName to) {
        OtherObject o = st.model.others.remove(ref(from));
        if (o != null) {
            String type = o.createSql().substring(o.createSql().lastIndexOf(" of ") + " of ".length());
            OtherObject moved = mark(to, type);
            st.model.others.put(moved.ref(), moved);
        }
    }
}
