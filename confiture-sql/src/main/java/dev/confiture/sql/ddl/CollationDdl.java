package dev.confiture.sql.ddl;

import static dev.confiture.sql.ddl.Interpretation.ref;

import dev.confiture.model.schema.Collation;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import java.util.List;
import java.util.Locale;

/** CREATE COLLATION. */
final class CollationDdl {

    private final Interpretation st;

    CollationDdl(Interpretation st) {
        this.st = st;
    }

    void createCollation(Cursor c) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        QualifiedName name = st.createName(c.dottedName());
        st.touch(ref(ObjectRef.Kind.COLLATION, name), TouchedObject.Action.CREATE);
        if (st.model.collations.containsKey(name)) {
            if (ifNotExists) {
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("collation " + name + " already exists");
            }
        }
        if (c.accept("from")) {
            List<String> from = c.dottedName();
            QualifiedName src = st.resolve(from, st.model.collations::containsKey);
            Collation existing = st.model.collations.get(src);
            if (existing == null) {
                String locale = from.get(from.size() - 1);
                st.model.collations.put(name, new Collation(name, "libc", null, locale, locale, true));
            } else {
                st.model.collations.put(name, new Collation(name, existing.provider(), existing.locale(),
                        existing.lcCollate(), existing.lcCtype(), existing.deterministic()));
            }
            return;
        }
        String provider = "libc";
        String locale = null;
        String lcCollate = null;
        String lcCtype = null;
        boolean deterministic = true;
        for (List<Token> option : Cursor.splitCommas(c.parenthesized())) {
            Cursor o = new Cursor(option);
            String key = o.identifier();
            o.accept("=");
            Token v = o.next();
            String value = v.isStringLike() || v.isIdentifier() ? v.value() : v.text();
            switch (key) {
                case "provider" -> provider = value.toLowerCase(Locale.ROOT);
                case "locale" -> locale = value;
                case "lc_collate" -> lcCollate = value;
                case "lc_ctype" -> lcCtype = value;
                case "deterministic" -> deterministic = !(value.equalsIgnoreCase("false") || value.equals("0")
                        || value.equalsIgnoreCase("off") || value.equalsIgnoreCase("no"));
                default -> st.note("collation option " + key + " is not in the model");
            }
        }
        if (provider.equals("libc") && locale != null) {
            lcCollate = lcCollate == null ? locale : lcCollate;
            lcCtype = lcCtype == null ? locale : lcCtype;
            locale = null;
        }
        st.ensureSchema(name.schema());
        st.model.collations.put(name, new Collation(name, provider, locale, lcCollate, lcCtype, deterministic));
    }
}
