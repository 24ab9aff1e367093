package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Extension;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;

/** CREATE EXTENSION and ALTER EXTENSION. */
final class ExtensionDdl {

    private final Interpretation st;

    ExtensionDdl(Interpretation st) {
        this.st = st;
    }

    void createExtension(Cursor c) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name = c.identifier();
        st.touch(new ObjectRef(ObjectRef.Kind.EXTENSION, Identifiers.quote(name)), TouchedObject.Action.CREATE);
        if (name.equals("plpgsql")) {
            st.note("plpgsql is installed in every database: it is never part of the model");
            c.rest();
            return;
        }
        c.accept("with");
        String schema = null;
        String version = null;
        while (!c.atEnd()) {
            if (c.accept("schema")) {
                schema = c.identifier();
            } else if (c.accept("version")) {
                Token v = c.next();
                version = v.isStringLike() ? v.value() : v.text();
            } else if (c.accept("cascade")) {
                st.note("CASCADE: extensions this one requires are not added to the model");
            } else if (c.accept("from")) {
                c.next();
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " in CREATE EXTENSION");
            }
        }
        if (st.model.extensions.containsKey(name)) {
            if (ifNotExists) {
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("extension " + Identifiers.quote(name) + " already exists");
            }
        }
        st.model.extensions.put(name, new Extension(name, schema != null ? schema : st.creationSchema(), version));
    }

    void alterExtension(Cursor c) {
        String name = c.identifier();
        st.touch(new ObjectRef(ObjectRef.Kind.EXTENSION, Identifiers.quote(name)), TouchedObject.Action.ALTER);
        Extension e = st.model.extensions.get(name);
        if (e == null) {
            if (!st.tolerant) {
                throw new ObjectStateError("extension " + Identifiers.quote(name) + " does not exist");
            }
            e = new Extension(name, st.creationSchema(), null);
        }
        if (c.accept("update")) {
            String version = null;
            if (c.accept("to")) {
                Token v = c.next();
                version = v.isStringLike() ? v.value() : v.text();
            } else {
                st.note("ALTER EXTENSION UPDATE without TO: the version becomes the default one, unknown here");
            }
            st.model.extensions.put(name, new Extension(name, e.schema(), version));
        } else if (c.accept("set", "schema")) {
            st.model.extensions.put(name, new Extension(name, c.identifier(), e.version()));
        } else if (c.is("add") || c.is("drop")) {
            st.note("ALTER EXTENSION ADD/DROP member: extension membership is not in the model");
            c.rest();
        } else {
            throw new UnsupportedDdl("ALTER EXTENSION " + c.describeNext());
        }
    }
}
