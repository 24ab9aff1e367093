package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.Schema;
import java.util.List;

/** CREATE SCHEMA and ALTER SCHEMA. */
final class SchemaDdl {

    private final Interpretation st;

    SchemaDdl(Interpretation st) {
        this.st = st;
    }

    /** Returns the schema elements (CREATE TABLE ... written inside CREATE SCHEMA), to run with the schema as search path. */
    List<Token> createSchema(Cursor c) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name;
        String owner = null;
        if (c.accept("authorization")) {
            name = c.identifier();
            owner = name;
        } else {
            name = c.identifier();
            if (c.accept("authorization")) {
                owner = c.identifier();
            }
        }
        st.touch(new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(name)), TouchedObject.Action.CREATE);
        if (st.model.schemas.containsKey(name)) {
            if (ifNotExists) {
                return List.of();
            }
            if (!st.tolerant) {
                throw new ObjectStateError("schema " + Identifiers.quote(name) + " already exists");
            }
        }
        st.model.schemas.put(name, new Schema(name, owner));
        return c.rest();
    }

    void alterSchema(Cursor c) {
        String name = c.identifier();
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(name));
        Schema s = st.model.schemas.get(name);
        if (s == null && !st.tolerant) {
            throw new ObjectStateError("schema " + Identifiers.quote(name) + " does not exist");
        }
        if (c.accept("owner", "to")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            String owner = c.identifier();
            st.model.schemas.put(name, new Schema(name, owner));
        } else if (c.accept("rename", "to")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            throw new UnsupportedDdl("ALTER SCHEMA ... RENAME TO: rename every object's schema by hand");
        } else {
            throw new UnsupportedDdl("ALTER SCHEMA " + c.describeNext());
        }
    }
}
