package dev.confiture.sql.ddl;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.model.schema.Table;

/**
 * Comments on constraints, triggers and policies: while interpreting, they are keyed {@code s.t.name} (so
 * that a table's drop or rename finds them by prefix, as it finds its columns); in a model they are keyed
 * {@code name ON s.t}, as {@link ObjectRef} documents, the catalog reader reads them and
 * {@code COMMENT ON TRIGGER} needs them. Converted at the interpreter's boundary, both ways.
 */
final class OnTableComments {

    private static final Set<ObjectRef.Kind> KINDS = Set.of(ObjectRef.Kind.CONSTRAINT, ObjectRef.Kind.TRIGGER,
            ObjectRef.Kind.POLICY);

    private OnTableComments() {
    }

    /** A model's spelling ({@code name ON s.t}) to the interpreter's ({@code s.t.name}). */
    static SchemaModelBuilder forInterpreting(SchemaModel model) {
        SchemaModelBuilder b = new SchemaModelBuilder(model);
        toInterpreting(b, model);
        return b;
    }

    /** Rekeys, in place, the comments of {@code b}, a builder holding {@code model}, to the interpreter's spelling. */
    static void toInterpreting(SchemaModelBuilder b, SchemaModel model) {
        rekey(b, model.tables(), (identity, table) -> identity.endsWith(" ON " + table.name())
                ? table.name() + "." + identity.substring(0, identity.length() - (" ON " + table.name()).length())
                : null);
    }

    /** The interpreter's spelling back to the model's. */
    static SchemaModel forModel(SchemaModelBuilder b) {
        SchemaModel built = b.build();
        rekey(b, built.tables(), (identity, table) -> {
            String prefix = table.name() + ".";
            if (!identity.startsWith(prefix)) {
                return null;
            }
            String name = identity.substring(prefix.length());
            boolean known = table.constraints().keySet().stream().anyMatch(n -> Identifiers.quote(n).equals(name))
                    || table.triggers().keySet().stream().anyMatch(n -> Identifiers.quote(n).equals(name))
                    || table.policies().keySet().stream().anyMatch(n -> Identifiers.quote(n).equals(name));
            return known ? name + " ON " + table.name() : null;
        });
        return b.build();
    }

    private static void rekey(SchemaModelBuilder b, Map<?, Table> tables, BiFunction<String, Table, String> spelling) {
        Map<ObjectRef, String> out = new TreeMap<>();
        b.comments.forEach((ref, text) -> {
            ObjectRef key = ref;
            if (KINDS.contains(ref.kind())) {
                for (Table t : tables.values()) {
                    String other = spelling.apply(ref.identity(), t);
                    if (other != null) {
                        key = new ObjectRef(ref.kind(), other);
                        break;
                    }
                }
            }
            out.put(key, text);
        });
        b.comments.clear();
        b.comments.putAll(out);
    }
}
