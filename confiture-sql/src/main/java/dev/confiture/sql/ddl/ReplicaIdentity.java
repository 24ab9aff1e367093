package dev.confiture.sql.ddl;

import java.util.Set;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.QualifiedName;

/**
 * A table's {@code REPLICA IDENTITY} other than the default (what logical replication and change-data-capture
 * tools such as Debezium rely on): one {@link ObjectRef.Kind#REPLICA_IDENTITY} mark per table, an
 * {@link OtherObject} whose SQL is {@code ALTER TABLE t REPLICA IDENTITY FULL | NOTHING | USING INDEX i} and
 * whose drop is {@code ... REPLICA IDENTITY DEFAULT}. Built here for both readers, so that they compare equal.
 */
public final class ReplicaIdentity {

    private ReplicaIdentity() {
    }

    /**
     * The mark for {@code table} with {@code pg_class.relreplident} {@code setting} ({@code f}, {@code n},
     * {@code i} with {@code index} in the table's schema); null for the default ({@code d}).
     */
    public static OtherObject mark(QualifiedName table, String setting, String index) {
        String what = switch (setting) {
            case "f" -> "FULL";
            case "n" -> "NOTHING";
            case "i" -> index == null ? null : "USING INDEX " + Identifiers.quote(index);
            default -> null;
        };
        if (what == null) {
            return null;
        }
        ObjectRef ref = ref(table);
        Set<ObjectRef> dependsOn = index == null || !setting.equals("i") ? Set.of(ObjectRef.table(table))
                : Set.of(ObjectRef.table(table), ObjectRef.of(ObjectRef.Kind.INDEX, QualifiedName.of(table.schema(), index)));
        return new OtherObject(ref, OpaqueSql.canonical("ALTER TABLE " + table + " REPLICA IDENTITY " + what),
                "ALTER TABLE " + table + " REPLICA IDENTITY DEFAULT", dependsOn);
    }

    public static ObjectRef ref(QualifiedName table) {
        return new ObjectRef(ObjectRef.Kind.REPLICA_IDENTITY, table.toString());
    }

    /** {@code ALTER TABLE t REPLICA IDENTITY ...}, the cursor after the two words. */
    static void alter(Interpretation st, QualifiedName table, Cursor c) {
        OtherObject mark;
        if (c.accept("default")) {
            mark = null;
        } else if (c.accept("full")) {
            mark = mark(table, "f", null);
        } else if (c.accept("nothing")) {
            mark = mark(table, "n", null);
        } else {
            c.expect("using", "index");
            mark = mark(table, "i", c.identifier());
        }
        c.expectEnd();
        st.model.others.remove(ref(table));
        if (mark != null) {
            st.model.others.put(mark.ref(), mark);
        }
    }

    /** The table was dropped. */
    static void clear(Interpretation st, QualifiedName table) {
        st.model.others.remove(ref(table));
    }

    /** The table was renamed or moved (its indexes move along). */
    static void renamed(Interpretation st, QualifiedName from, QualifiedName to) {
        OtherObject o = st.model.others.remove(ref(from));
        if (o != null) {
            String sql = o.createSql();
            String what = sql.substring(sql.indexOf(" replica identity ") + " replica identity ".length());
            String setting = what.startsWith("full") ? "f" : what.startsWith("nothing") ? "n" : "i";
            String index = setting.equals("i") ? o.dependsOn().stream().filter(r -> r.kind() == ObjectRef.Kind.INDEX)
                    .map(r -> Interpretation.nameOf(r.identity()).name()).findFirst().orElse(null) : null;
            OtherObject moved = mark(to, setting, index);
            if (moved != null) {
                st.model.others.put(moved.ref(), moved);
            }
        }
    }
}
