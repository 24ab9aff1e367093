package dev.confiture.sql.ddl;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.QualifiedName;

/**
 * The object kinds the model keeps opaque ({@link OtherObject}): operator classes and families, casts,
 * conversions, text search parsers, templates, dictionaries and configurations, access methods,
 * transforms, foreign data wrappers, servers, user mappings, foreign tables, event triggers,
 * publications, subscriptions, extended statistics and rules. Each is identified by its kind and the
 * name its DROP statement uses ({@code app.int_ops USING btree}, {@code (integer AS app.mood)},
 * {@code items_log ON app.items}), and defined by its CREATE statement followed by the ALTER statements
 * that complete it, in {@link OpaqueSql}'s spelling (the catalog reader writes the same from the
 * catalogs), so that the diff creates, replaces or drops it by that identity.
 *
 * <p>{@code CREATE}, {@code ALTER ... OWNER TO} (the owner is not kept), other {@code ALTER}s (kept as
 * follow-up statements, replayed after the CREATE), {@code COMMENT ON}, and {@code DROP [IF EXISTS]}
 * are read; {@code RENAME TO} / {@code SET SCHEMA} and {@code DROP ... CASCADE} (what depends on these
 * objects is not modelled) are refused with the form named.
 */
final class OpaqueDdl {

    /** How an identity is written after the kind's words. */
    private enum Shape { QUALIFIED, GLOBAL, USING_METHOD, CAST, TRANSFORM, USER_MAPPING, RULE }

    private record KindWords(ObjectRef.Kind kind, List<String> words, Shape shape) {
    }

    /** Longer spellings first, so that {@code OPERATOR CLASS} wins over a plain operator. */
    private static final List<KindWords> KINDS = List.of(
            kind(ObjectRef.Kind.OPERATOR_CLASS, Shape.USING_METHOD, "operator", "class"),
            kind(ObjectRef.Kind.OPERATOR_FAMILY, Shape.USING_METHOD, "operator", "family"),
            kind(ObjectRef.Kind.TEXT_SEARCH_CONFIGURATION, Shape.QUALIFIED, "text", "search", "configuration"),
            kind(ObjectRef.Kind.TEXT_SEARCH_DICTIONARY, Shape.QUALIFIED, "text", "search", "dictionary"),
            kind(ObjectRef.Kind.TEXT_SEARCH_PARSER, Shape.QUALIFIED, "text", "search", "parser"),
            kind(ObjectRef.Kind.TEXT_SEARCH_TEMPLATE, Shape.QUALIFIED, "text", "search", "template"),
            kind(ObjectRef.Kind.FOREIGN_DATA_WRAPPER, Shape.GLOBAL, "foreign", "data", "wrapper"),
            kind(ObjectRef.Kind.FOREIGN_TABLE, Shape.QUALIFIED, "foreign", "table"),
            kind(ObjectRef.Kind.USER_MAPPING, Shape.USER_MAPPING, "user", "mapping"),
            kind(ObjectRef.Kind.EVENT_TRIGGER, Shape.GLOBAL, "event", "trigger"),
            kind(ObjectRef.Kind.ACCESS_METHOD, Shape.GLOBAL, "access", "method"),
            kind(ObjectRef.Kind.CONVERSION, Shape.QUALIFIED, "default", "conversion"),
            kind(ObjectRef.Kind.CONVERSION, Shape.QUALIFIED, "conversion"),
            kind(ObjectRef.Kind.CAST, Shape.CAST, "cast"),
            kind(ObjectRef.Kind.SERVER, Shape.GLOBAL, "server"),
            kind(ObjectRef.Kind.PUBLICATION, Shape.GLOBAL, "publication"),
            kind(ObjectRef.Kind.SUBSCRIPTION, Shape.GLOBAL, "subscription"),
            kind(ObjectRef.Kind.STATISTICS, Shape.QUALIFIED, "statistics"),
            kind(ObjectRef.Kind.TRANSFORM, Shape.TRANSFORM, "transform"),
            kind(ObjectRef.Kind.RULE, Shape.RULE, "rule"));

    private static final Set<String> SPECIAL_ROLES = Set.of("current_user", "current_role", "session_user", "user");

    private final Interpretation st;
    private final Expressions ex;

    OpaqueDdl(Interpretation st) {
        this.st = st;
        this.ex = new Expressions(st);
    }

    private static KindWords kind(ObjectRef.Kind kind, Shape shape, String... words) {
        return new KindWords(kind, Arrays.asList(words), shape);
    }

    /** Applies the statement when it is about an opaque kind; false (nothing consumed) otherwise. */
    boolean apply(List<Token> tokens) {
        Cursor c = new Cursor(tokens);
        if (c.accept("create")) {
            boolean orReplace = c.accept("or", "replace");
            KindWords k = kindAt(c);
            if (k == null) {
                return false;
            }
            create(k, tokens, c, orReplace);
        } else if (c.accept("alter")) {
            KindWords k = kindAt(c);
            if (k == null) {
                return false;
            }
            alter(k, tokens, c);
        } else if (c.accept("drop")) {
            KindWords k = kindAt(c);
            if (k == null) {
                return false;
            }
            drop(k, c);
        } else if (c.accept("comment", "on")) {
            if (c.is("operator") && !c.is("operator", "class") && !c.is("operator", "family")) {
                c.next();
                comment(new OperatorDdl(st).signature(c), c);
                return true;
            }
            KindWords k = kindAt(c);
            if (k == null) {
                return false;
            }
            comment(identity(k, c), c);
        } else {
            return false;
        }
        return true;
    }

    private static KindWords kindAt(Cursor c) {
        for (KindWords k : KINDS) {
            if (c.is(k.words().toArray(String[]::new))) {
                for (int i = 0; i < k.words().size(); i++) {
                    c.next();
                }
                return k;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ CREATE

    private void create(KindWords k, List<Token> tokens, Cursor c, boolean orReplace) {
        if (orReplace && k.kind() != ObjectRef.Kind.RULE && k.kind() != ObjectRef.Kind.TRANSFORM) {
            throw new UnsupportedDdl("CREATE OR REPLACE " + sql(k));
        }
        int kindEnd = c.position();
        boolean ifNotExists = c.accept("if", "not", "exists");
        int nameStart = c.position();
        ObjectRef ref;
        String qualifiedName = null;
        switch (k.shape()) {
            case QUALIFIED, USING_METHOD -> {
                QualifiedName name = st.createName(c.dottedName());
                st.ensureSchema(name.schema());
                qualifiedName = name.toString();
                if (k.shape() == Shape.QUALIFIED) {
                    ref = ObjectRef.of(k.kind(), name);
                } else {
                    if (k.kind() == ObjectRef.Kind.OPERATOR_CLASS) {
                        c.until(x -> x.is("using"));
                    }
                    c.expect("using");
                    ref = new ObjectRef(k.kind(), name + " USING " + Identifiers.quote(c.identifier()));
                }
            }
            case RULE -> {
                String rule = c.identifier();
                c.expect("as", "on");
                c.next();
                c.expect("to");
                ref = new ObjectRef(k.kind(), Identifiers.quote(rule) + " ON " + st.relationName(c.dottedName()));
            }
            default -> ref = identity(k, c);
        }
        if (st.model.others.containsKey(ref)) {
            if (ifNotExists) {
                return;
            }
            if (!orReplace && !st.tolerant) {
                throw new ObjectStateError(ref + " already exists");
            }
        }
        // the statement as pg_dump writes it: no OR REPLACE / IF NOT EXISTS, the name schema-qualified
        int offset = orReplace ? 3 : 1;
        String sql = qualifiedName == null
                ? "CREATE " + SqlText.render(tokens.subList(offset, kindEnd)) + " "
                        + SqlText.render(tokens.subList(nameStart, tokens.size()))
                : "CREATE " + SqlText.render(tokens.subList(offset, kindEnd)) + " " + qualifiedName + " "
                        + SqlText.render(tokens.subList(nameStart + dottedLength(tokens, nameStart), tokens.size()));
        st.touch(ref, TouchedObject.Action.CREATE);
        st.model.others.put(ref, new OtherObject(ref, OpaqueSql.canonical(sql), OpaqueSql.dropSql(ref),
                Set.of()));
    }

    private static int dottedLength(List<Token> tokens, int start) {
        int i = start + 1;
        while (i + 1 < tokens.size() && tokens.get(i).isPunct(".") && tokens.get(i + 1).isIdentifier()) {
            i += 2;
        }
        return i - start;
    }

    // ------------------------------------------------------------------ ALTER, DROP, COMMENT

    private void alter(KindWords k, List<Token> tokens, Cursor c) {
        if (k.kind() == ObjectRef.Kind.FOREIGN_TABLE) {
            c.accept("if", "exists");
            c.accept("only");
        }
        int nameStart = c.position();
        ObjectRef ref = identity(k, c);
        int nameEnd = c.position();
        if (c.is("rename") || c.is("set", "schema")) {
            throw new UnsupportedDdl("ALTER " + sql(k) + " ... "
                    + c.describeNext() + " (write DROP and CREATE of the object instead)");
        }
        OtherObject o = existing(ref);
        if (c.accept("owner", "to")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            c.rest();
            return;
        }
        st.touch(ref, TouchedObject.Action.ALTER);
        if (o != null) {
            // the name as the search path resolved it (the CREATE is kept qualified too), so that the follow-up
            // runs under any search path: musicbrainz alters mb_simple under its own
            String followUp = OpaqueSql.canonical(k.shape() == Shape.QUALIFIED && nameEnd == nameStart + 1
                    ? SqlText.render(tokens.subList(0, nameStart)) + " " + ref.identity() + " "
                            + SqlText.render(tokens.subList(nameEnd, tokens.size()))
                    : SqlText.render(tokens));
            st.model.others.put(ref, new OtherObject(ref, o.createSql() + OpaqueSql.SEPARATOR + followUp, o.dropSql(),
                    o.dependsOn()));
        }
    }

    private void drop(KindWords k, Cursor c) {
        boolean ifExists = c.accept("if", "exists");
        do {
            ObjectRef ref = identity(k, c);
            st.touch(ref, TouchedObject.Action.DROP);
            if (st.model.others.remove(ref) == null && !ifExists && !st.tolerant) {
                throw new ObjectStateError(ref + " does not exist");
            }
            st.model.comments.remove(ref);
            dropGrants(st, ref);
        } while (c.accept(","));
        if (c.accept("cascade")) {
            throw new UnsupportedDdl("DROP " + sql(k)
                    + " ... CASCADE (what depends on the object is not modelled)");
        }
        c.accept("restrict");
        c.expectEnd();
    }

    private void comment(ObjectRef ref, Cursor c) {
        existing(ref);
        c.expect("is");
        Token text = c.next();
        c.expectEnd();
        AccessDdl.setComment(st, ref, text);
    }

    private OtherObject existing(ObjectRef ref) {
        OtherObject o = st.model.others.get(ref);
        if (o == null && !st.tolerant) {
            throw new ObjectStateError(ref + " does not exist");
        }
        return o;
    }

    /** The identity as ALTER, DROP and COMMENT ON write it after the kind's words. */
    private ObjectRef identity(KindWords k, Cursor c) {
        return switch (k.shape()) {
            case QUALIFIED -> ObjectRef.of(k.kind(), resolve(k.kind(), c.dottedName()));
            case GLOBAL -> new ObjectRef(k.kind(), Identifiers.quote(c.identifier()));
            case USING_METHOD -> {
                List<String> parts = c.dottedName();
                c.expect("using");
                String method = Identifiers.quote(c.identifier());
                yield new ObjectRef(k.kind(), resolve(k.kind(), parts, " USING " + method) + " USING " + method);
            }
            case CAST -> {
                List<Token> inside = c.parenthesized();
                int as = -1;
                for (int i = 0; i < inside.size(); i++) {
                    if (inside.get(i).isWord("as")) {
                        as = i;
                    }
                }
                if (as < 1) {
                    throw new UnsupportedDdl("a cast is written (source AS target)");
                }
                yield new ObjectRef(k.kind(), "(" + ex.type(inside.subList(0, as)) + " AS "
                        + ex.type(inside.subList(as + 1, inside.size())) + ")");
            }
            case TRANSFORM -> {
                c.expect("for");
                List<Token> type = c.until(x -> x.is("language"));
                c.expect("language");
                yield new ObjectRef(k.kind(), "FOR " + ex.type(type) + " LANGUAGE " + Identifiers.quote(c.identifier()));
            }
            case USER_MAPPING -> {
                c.accept("if", "not", "exists");
                c.expect("for");
                Token role = c.next();
                c.expect("server");
                // pg_dump writes the role's name; CURRENT_USER and friends are kept as written (not resolved)
                String user = role.isWord("public") ? "PUBLIC"
                        : role.type() == Token.Type.WORD && SPECIAL_ROLES.contains(role.value()) ? role.value().toUpperCase(java.util.Locale.ROOT)
                        : role.isIdentifier() ? Identifiers.quote(role.value()) : role.text();
                yield new ObjectRef(k.kind(), "FOR " + user + " SERVER " + Identifiers.quote(c.identifier()));
            }
            case RULE -> {
                String rule = c.identifier();
                c.expect("on");
                yield new ObjectRef(k.kind(), Identifiers.quote(rule) + " ON " + st.relationName(c.dottedName()));
            }
        };
    }

    /** A schema-bound name along the search path: the first schema where an object of the kind exists. */
    private QualifiedName resolve(ObjectRef.Kind kind, List<String> parts) {
        return st.resolve(parts, q -> st.model.others.containsKey(ObjectRef.of(kind, q)));
    }

    private QualifiedName resolve(ObjectRef.Kind kind, List<String> parts, String suffix) {
        return st.resolve(parts, q -> st.model.others.containsKey(new ObjectRef(kind, q + suffix)));
    }

    /** A table's drop takes its rules along (their identity names the table), and their comments. */
    static void dropRulesOf(Interpretation st, QualifiedName table) {
        List<ObjectRef> rules = st.model.others.keySet().stream()
                .filter(r -> r.kind() == ObjectRef.Kind.RULE && r.identity().endsWith(" ON " + table)).toList();
        rules.forEach(r -> {
            st.model.others.remove(r);
            st.model.comments.remove(r);
        });
    }

    /** Opaque objects that live in {@code schema} (an operator, a dictionary, statistics ...; not a cast or a server). */
    static List<ObjectRef> inSchema(Interpretation st, String schema) {
        String prefix = Identifiers.quote(schema) + ".";
        return st.model.others.keySet().stream()
                .filter(r -> r.kind() == ObjectRef.Kind.OPERATOR || KINDS.stream().anyMatch(k -> k.kind() == r.kind()
                        && (k.shape() == Shape.QUALIFIED || k.shape() == Shape.USING_METHOD)))
                .filter(r -> r.identity().startsWith(prefix)).toList();
    }

    /**
     * {@code DROP SCHEMA ... CASCADE} takes the schema's opaque objects along, the casts and transforms of its
     * types too, and their comments.
     */
    static void dropInSchema(Interpretation st, String schema) {
        String type = Identifiers.quote(schema) + ".";
        List<ObjectRef> gone = new java.util.ArrayList<>(inSchema(st, schema));
        st.model.others.keySet().stream()
                .filter(r -> (r.kind() == ObjectRef.Kind.CAST || r.kind() == ObjectRef.Kind.TRANSFORM)
                        && (r.identity().contains("(" + type) || r.identity().contains(" " + type)))
                .forEach(gone::add);
        gone.forEach(r -> {
            st.model.others.remove(r);
            st.model.comments.remove(r);
            dropGrants(st, r);
        });
    }

    /** The grants and security labels on a dropped object (a foreign table's columns' too) go with it. */
    private static void dropGrants(Interpretation st, ObjectRef ref) {
        String columns = ref.identity() + ".";
        java.util.function.Predicate<ObjectRef> on = r -> r.equals(ref) || (ref.kind() == ObjectRef.Kind.FOREIGN_TABLE
                && r.kind() == ObjectRef.Kind.COLUMN && r.identity().startsWith(columns));
        st.model.grants.removeIf(g -> on.test(g.object()));
        st.model.others.values().removeIf(o -> o.ref().kind() == ObjectRef.Kind.SECURITY_LABEL
                && on.test(dev.confiture.model.schema.SecurityLabels.target(o)));
    }

    /**
     * The object a {@code SECURITY LABEL ... ON} names when it is of an opaque kind that takes labels (foreign
     * table, event trigger, publication, subscription), which must exist; null, with nothing read, otherwise.
     */
    ObjectRef labelTarget(Cursor c) {
        int start = c.position();
        KindWords k = kindAt(c);
        if (k == null || !Set.of(ObjectRef.Kind.FOREIGN_TABLE, ObjectRef.Kind.EVENT_TRIGGER, ObjectRef.Kind.PUBLICATION,
                ObjectRef.Kind.SUBSCRIPTION).contains(k.kind())) {
            c.reset(start);
            return null;
        }
        ObjectRef ref = identity(k, c);
        existing(ref);
        return ref;
    }

    /** The kind as SQL writes it, for messages: {@code TEXT SEARCH DICTIONARY}. */
    private static String sql(KindWords k) {
        return String.join(" ", k.words()).toUpperCase(java.util.Locale.ROOT);
    }
}
