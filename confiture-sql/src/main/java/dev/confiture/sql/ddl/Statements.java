package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.SecurityLabels;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.Trigger;
import dev.confiture.model.schema.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads the first words of a statement and hands it to the reader of that statement form. */
final class Statements {

    /** First words of statements with no effect on the structure of a schema. */
    private static final Set<String> NO_EFFECT = Set.of("insert", "update", "delete", "copy", "select", "truncate",
            "with", "merge", "values", "table", "begin", "commit", "end", "rollback", "savepoint", "release", "start",
            "abort", "prepare", "analyze", "analyse", "vacuum", "cluster", "reindex", "checkpoint", "discard", "reset",
            "notify", "listen", "unlisten", "lock", "do", "call", "load", "explain", "fetch", "move", "close",
            "declare", "deallocate", "execute", "show", "security", "refresh");

    private final Interpretation st;
    private final RenamesAndDrops renamesAndDrops;
    private final TableDdl tables;
    private final IndexDdl indexes;
    private final SchemaDdl schemas;
    private final ViewDdl views;
    private final SequenceDdl sequences;
    private final TypeDdl types;
    private final DomainDdl domains;
    private final ExtensionDdl extensions;
    private final CollationDdl collations;
    private final RoutineDdl routines;
    private final AccessDdl access;
    private final OpaqueDdl opaque;
    private final DefaultPrivilegesDdl defaultPrivileges;

    Statements(Interpretation st) {
        this.st = st;
        this.renamesAndDrops = new RenamesAndDrops(st);
        this.tables = new TableDdl(st, renamesAndDrops);
        this.indexes = new IndexDdl(st, tables);
        this.schemas = new SchemaDdl(st);
        this.views = new ViewDdl(st);
        this.sequences = new SequenceDdl(st, renamesAndDrops);
        this.types = new TypeDdl(st);
        this.domains = new DomainDdl(st, types);
        this.extensions = new ExtensionDdl(st);
        this.collations = new CollationDdl(st);
        this.routines = new RoutineDdl(st);
        this.access = new AccessDdl(st, routines);
        this.opaque = new OpaqueDdl(st);
        this.defaultPrivileges = new DefaultPrivilegesDdl(st);
    }

    /** Applies one statement; the objects it creates get what default privileges of the current user give. */
    void apply(List<Token> tokens) {
        Map<ObjectRef, String> before = defaultPrivileges.snapshot();
        applyStatement(tokens);
        if (before != null) {
            defaultPrivileges.applyToNew(before);
        }
    }

    private void applyStatement(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        Cursor c = new Cursor(tokens);
        Token first = c.peek();
        if (first.text().startsWith("\\")) {
            noEffect("psql meta-command");
            return;
        }
        if (first.type() != Token.Type.WORD) {
            if (first.isPunct("(")) {
                noEffect("query");
                return;
            }
            throw new UnsupportedDdl("a statement cannot start with '" + first.text() + "'");
        }
        String word = first.value();
        if (word.equals("set")) {
            set(c);
            return;
        }
        if (word.equals("select") && isSetConfigSearchPath(tokens)) {
            setConfig(tokens);
            return;
        }
        if (opaque.apply(tokens)) {
            return;
        }
        if (c.is("security", "label")) {
            c.next();
            c.next();
            securityLabel(c);
            return;
        }
        if (word.equals("cluster") && clusterUsing(c)) {
            return;
        }
        if (NO_EFFECT.contains(word)) {
            noEffect(word.equals("do") ? "DO block (any DDL it runs dynamically is not seen)"
                    : word.equals("call") ? "CALL (any DDL the procedure runs is not seen)"
                    : "no structural effect");
            return;
        }
        c.next();
        switch (word) {
            case "create" -> create(c);
            case "alter" -> alter(c);
            case "drop" -> new DropDdl(st, renamesAndDrops, routines).drop(c);
            case "comment" -> {
                c.expect("on");
                access.comment(c);
            }
            case "grant", "revoke" -> {
                if (!access.grant(c, word.equals("revoke"))) {
                    noEffect("role membership");
                }
            }
            default -> throw new UnsupportedDdl("statement " + word.toUpperCase(java.util.Locale.ROOT)
                    + " is not supported");
        }
    }

    /**
     * {@code SECURITY LABEL [FOR provider] ON kind name IS 'label' | NULL}: an opaque object keyed by provider and
     * object (docs/ddl-interpreter.md); labels on databases, roles, tablespaces, languages and large objects are
     * cluster-wide or data, with no effect on the model.
     */
    private void securityLabel(Cursor c) {
        String provider = c.accept("for") ? c.identifier() : null;
        c.expect("on");
        if (c.is("large", "object") || c.is("database") || c.is("role") || c.is("tablespace") || c.is("language")) {
            noEffect("security label on a database-wide object or a large object, not part of the schema model");
            c.rest();
            return;
        }
        ObjectRef target = opaque.labelTarget(c);
        if (target == null) {
            if (!(c.is("table") || c.is("column") || c.is("view") || c.is("materialized", "view") || c.is("sequence")
                    || c.is("type") || c.is("domain") || c.is("schema") || c.is("function") || c.is("procedure")
                    || c.is("routine") || c.is("aggregate"))) {
                throw new UnsupportedDdl("SECURITY LABEL ON " + c.describeNext() + " is not supported");
            }
            AccessDdl.Target named = access.target(c, false);
            target = named.ref();
            if (!named.inModel() && !st.tolerant) {
                throw new ObjectStateError(target + " does not exist");
            }
        }
        c.expect("is");
        Token text = c.next();
        c.expectEnd();
        st.touch(target, TouchedObject.Action.ALTER);
        ObjectRef t = target;
        st.model.others.values().removeIf(o -> o.ref().kind() == ObjectRef.Kind.SECURITY_LABEL
                && SecurityLabels.target(o).equals(t) && java.util.Objects.equals(SecurityLabels.provider(o), provider));
        if (text.isStringLike()) {
            OtherObject label = SecurityLabels.of(provider, target, text.value());
            st.model.others.put(label.ref(), label);
        } else if (!text.isWord("null")) {
            throw new UnsupportedDdl("SECURITY LABEL ... IS expects a string or NULL");
        }
    }

    /**
     * {@code CLUSTER [VERBOSE] table USING index} marks the table as clustered on the index, as
     * {@code ALTER TABLE ... CLUSTER ON} does; the other forms reorder rows only (no effect).
     */
    private boolean clusterUsing(Cursor c) {
        int start = c.position();
        c.next();
        c.accept("verbose");
        if (c.is("(")) {
            c.parenthesized();
        }
        if (c.atEnd() || !c.peek().isIdentifier()) {
            c.reset(start);
            return false;
        }
        List<String> table = c.dottedName();
        if (!c.accept("using")) {
            c.reset(start);
            return false;
        }
        QualifiedName name = st.relationName(table);
        st.touch(st.model.views.containsKey(name) ? Interpretation.ref(ObjectRef.Kind.MATERIALIZED_VIEW, name)
                : ObjectRef.table(name), TouchedObject.Action.ALTER);
        ClusterMarks.set(st, name, c.identifier());
        return true;
    }

    private void noEffect(String why) {
        st.noEffect.add(new Diagnostic(st.source, st.line, why, st.excerpt, Diagnostic.Kind.NO_EFFECT));
    }

    // ------------------------------------------------------------------ SET

    private void set(Cursor c) {
        c.next();
        c.accept("session");
        c.accept("local");
        if (c.accept("search_path")) {
            if (!c.accept("to")) {
                c.expect("=");
            }
            List<String> path = new ArrayList<>();
            if (c.accept("default")) {
                path.add("$user");
                path.add("public");
            } else {
                do {
                    Token t = c.next();
                    if (t.isStringLike()) {
                        path.addAll(pathFromString(t.value()));
                    } else {
                        path.add(t.value());
                    }
                } while (c.accept(","));
            }
            st.searchPath(path);
            return;
        }
        noEffect("session setting");
    }

    private static List<String> pathFromString(String value) {
        List<String> out = new ArrayList<>();
        for (String p : value.split(",")) {
            String t = p.trim();
            if (!t.isEmpty()) {
                out.add(Identifiers.fold(t));
            }
        }
        return out;
    }

    private static boolean isSetConfigSearchPath(List<Token> tokens) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).isWord("set_config") && tokens.get(i + 1).isPunct("(")
                    && tokens.get(i + 2).isStringLike() && tokens.get(i + 2).value().equals("search_path")) {
                return true;
            }
        }
        return false;
    }

    private void setConfig(List<Token> tokens) {
        for (int i = 0; i + 4 < tokens.size(); i++) {
            if (tokens.get(i).isWord("set_config")) {
                Token value = tokens.get(i + 4);
                if (!value.isStringLike()) {
                    throw new UnsupportedDdl("set_config('search_path', ...) with a computed value");
                }
                st.searchPath(pathFromString(value.value()));
                return;
            }
        }
    }

    // ------------------------------------------------------------------ CREATE

    private void create(Cursor c) {
        boolean orReplace = c.accept("or", "replace");
        boolean temp = false;
        boolean unlogged = false;
        c.accept("global");
        c.accept("local");
        if (c.accept("temporary") || c.accept("temp")) {
            temp = true;
        } else if (c.accept("unlogged")) {
            unlogged = true;
        }
        if (temp && (c.is("table") || c.is("sequence") || c.is("view") || c.is("recursive"))) {
            st.note("temporary objects are not part of the schema; statement ignored");
            return;
        }
        if (c.accept("table")) {
            tables.create(c, unlogged);
        } else if (c.accept("unique", "index")) {
            indexes.create(c, true);
        } else if (c.accept("index")) {
            indexes.create(c, false);
        } else if (c.accept("schema")) {
            int start = c.position();
            List<Token> elements = schemas.createSchema(c);
            if (!elements.isEmpty()) {
                schemaElements(tokensSchema(c, start), elements);
            }
        } else if (c.accept("materialized", "view")) {
            views.createView(c, orReplace, true, false);
        } else if (c.accept("recursive", "view")) {
            views.createView(c, orReplace, false, true);
        } else if (c.accept("view")) {
            views.createView(c, orReplace, false, false);
        } else if (c.accept("sequence")) {
            sequences.createSequence(c);
        } else if (c.accept("type")) {
            types.createType(c);
        } else if (c.accept("domain")) {
            domains.createDomain(c);
        } else if (c.accept("extension")) {
            extensions.createExtension(c);
        } else if (c.accept("collation")) {
            collations.createCollation(c);
        } else if (c.accept("function")) {
            routines.create(c, orReplace, false);
        } else if (c.accept("procedure")) {
            routines.create(c, orReplace, true);
        } else if (c.accept("aggregate")) {
            routines.createAggregate(c, orReplace);
        } else if (!c.is("operator", "class") && !c.is("operator", "family") && c.accept("operator")) {
            new OperatorDdl(st).create(c);
        } else if (c.accept("trigger")) {
            routines.createTrigger(c, orReplace, false);
        } else if (c.accept("constraint", "trigger")) {
            routines.createTrigger(c, orReplace, true);
        } else if (c.accept("policy")) {
            routines.createPolicy(c);
        } else if (c.is("role") || c.is("user") || c.is("group") || c.is("database") || c.is("tablespace")) {
            noEffect("database-wide object, not part of the schema model");
        } else if (c.is("text", "search")) {
            st.note("text search configurations and dictionaries are not part of the model; statement left out");
        } else {
            throw new UnsupportedDdl("CREATE " + c.describeNext().replace("'", "").toUpperCase(java.util.Locale.ROOT)
                    + " is not supported");
        }
    }

    private String tokensSchema(Cursor c, int start) {
        c.reset(start);
        c.accept("if", "not", "exists");
        if (c.accept("authorization")) {
            return c.identifier();
        }
        return c.identifier();
    }

    /** CREATE SCHEMA s CREATE TABLE ... CREATE VIEW ...: each element runs with s as the search path. */
    private void schemaElements(String schema, List<Token> elements) {
        List<String> saved = st.searchPath();
        List<String> path = new ArrayList<>();
        path.add(schema);
        path.addAll(saved);
        st.searchPath(path);
        try {
            int depth = 0;
            int start = 0;
            for (int i = 0; i <= elements.size(); i++) {
                Token t = i < elements.size() ? elements.get(i) : null;
                if (t != null && (t.isPunct("(") || t.isPunct("["))) {
                    depth++;
                } else if (t != null && (t.isPunct(")") || t.isPunct("]"))) {
                    depth--;
                }
                boolean boundary = t == null || (depth == 0 && i > start && (t.isWord("create") || t.isWord("grant"))
                        && !elements.get(i - 1).isWord("or"));
                if (boundary && i > start) {
                    apply(elements.subList(start, i));
                    start = i;
                }
            }
        } finally {
            st.searchPath(saved);
        }
    }

    // ------------------------------------------------------------------ ALTER

    private void alter(Cursor c) {
        if (c.accept("table")) {
            if (c.is("all", "in")) {
                noEffect("ALTER TABLE ALL IN TABLESPACE");
                return;
            }
            tables.alter(c);
        } else if (c.accept("index")) {
            alterIndex(c);
        } else if (c.accept("materialized", "view")) {
            alterView(c, true);
        } else if (c.accept("view")) {
            alterView(c, false);
        } else if (c.accept("sequence")) {
            sequences.alterSequence(c);
        } else if (c.accept("type")) {
            types.alterType(c);
        } else if (c.accept("domain")) {
            domains.alterDomain(c);
        } else if (c.accept("schema")) {
            schemas.alterSchema(c);
        } else if (c.accept("extension")) {
            extensions.alterExtension(c);
        } else if (c.accept("function") || c.accept("procedure") || c.accept("routine") || c.accept("aggregate")) {
            alterRoutine(c);
        } else if (c.accept("trigger")) {
            alterTrigger(c);
        } else if (!c.is("operator", "class") && !c.is("operator", "family") && c.accept("operator")) {
            new OperatorDdl(st).alter(c);
        } else if (c.accept("policy")) {
            routines.alterPolicy(c);
        } else if (c.accept("collation")) {
            QualifiedName name = st.resolve(c.dottedName(), st.model.collations::containsKey);
            st.touch(new ObjectRef(ObjectRef.Kind.COLLATION, name.toString()), TouchedObject.Action.ALTER);
            if (!c.is("owner", "to") && !c.is("refresh", "version")) {
                throw new UnsupportedDdl("ALTER COLLATION " + c.describeNext());
            }
            c.rest();
        } else if (c.accept("default", "privileges")) {
            defaultPrivileges.alter(c);
        } else if (c.is("text", "search")) {
            st.note("text search configurations and dictionaries are not part of the model; statement left out");
        } else if (c.is("role") || c.is("user") || c.is("database") || c.is("system") || c.is("group")
                || c.is("tablespace")) {
            noEffect("database-wide setting, not part of the schema model");
        } else {
            throw new UnsupportedDdl("ALTER " + c.describeNext().replace("'", "").toUpperCase(java.util.Locale.ROOT)
                    + " is not supported");
        }
    }

    private void alterIndex(Cursor c) {
        if (c.is("all", "in")) {
            noEffect("ALTER INDEX ALL IN TABLESPACE");
            return;
        }
        boolean ifExists = c.accept("if", "exists");
        QualifiedName name = st.relationName(c.dottedName());
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.INDEX, name.toString());
        if (c.accept("rename", "to")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            String to = c.identifier();
            if (ifExists && !st.relationExists(name)) {
                return;
            }
            renamesAndDrops.renameRelation(name, QualifiedName.of(name.schema(), to));
        } else if (c.accept("attach", "partition")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            c.dottedName();
        } else if (StorageParameters.at(c) && st.findIndex(name).isPresent()) {
            st.touch(ref, TouchedObject.Action.ALTER);
            StorageParameters.alter(st, ObjectRef.Kind.INDEX, name, c);
        } else if (c.is("set") || c.is("reset") || c.is("alter") || c.is("depends")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            c.rest();
        } else {
            throw new UnsupportedDdl("ALTER INDEX " + c.describeNext());
        }
    }

    private void alterView(Cursor c, boolean materialized) {
        boolean ifExists = c.accept("if", "exists");
        QualifiedName name = st.relationName(c.dottedName());
        ObjectRef ref = new ObjectRef(materialized ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW,
                name.toString());
        View v = st.model.views.get(name);
        if (v == null) {
            st.touch(ref, TouchedObject.Action.ALTER);
            if (ifExists) {
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("view " + name + " does not exist");
            }
            return;
        }
        if (c.accept("rename", "to")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            renamesAndDrops.renameRelation(name, QualifiedName.of(name.schema(), c.identifier()));
        } else if (c.accept("set", "schema")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            renamesAndDrops.renameRelation(name, QualifiedName.of(c.identifier(), name.name()));
        } else if (c.accept("owner", "to")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            String owner = c.identifier();
            st.putView(new View(name, v.materialized(), v.columnNames(), v.query(), v.checkOption(),
                    v.options(), v.dependsOn(), v.indexes(), owner, v.triggers()));
        } else if (c.accept("rename")) {
            c.accept("column");
            String from = c.identifier();
            c.expect("to");
            String to = c.identifier();
            st.touch(ObjectRef.column(name, from), TouchedObject.Action.RENAME);
            List<String> cols = new ArrayList<>(v.columnNames());
            cols.replaceAll(x -> x.equals(from) ? to : x);
            st.putView(new View(name, v.materialized(), cols, v.query(), v.checkOption(), v.options(),
                    v.dependsOn(), v.indexes(), v.owner(), v.triggers()));
            if (!v.columnNames().contains(from)) {
                st.note("view column rename: the column comes from the query, whose text is kept as written");
            }
        } else if (c.is("set", "(")) {
            c.next();
            List<String> options = new ArrayList<>(v.options());
            for (List<Token> o : Cursor.splitCommas(c.parenthesized())) {
                String text = SqlText.render(o).replace(" = ", "=");
                String key = text.split("=")[0];
                options.removeIf(x -> x.split("=")[0].equals(key));
                options.add(text);
            }
            st.putView(new View(name, v.materialized(), v.columnNames(), v.query(), v.checkOption(),
                    options, v.dependsOn(), v.indexes(), v.owner(), v.triggers()));
        } else if (c.accept("cluster", "on")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            ClusterMarks.set(st, name, c.identifier());
        } else if (c.accept("set", "without", "cluster")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            ClusterMarks.clear(st, name);
        } else if (c.is("alter") || c.is("set") || c.is("reset")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            c.rest();
        } else {
            throw new UnsupportedDdl("ALTER VIEW " + c.describeNext());
        }
    }

    private void alterRoutine(Cursor c) {
        RoutineSignature sig = routines.signature(c, true);
        Routine r = st.model.routines.get(sig);
        ObjectRef.Kind kind = r == null ? ObjectRef.Kind.FUNCTION : switch (r.kind()) {
            case FUNCTION -> ObjectRef.Kind.FUNCTION;
            case PROCEDURE -> ObjectRef.Kind.PROCEDURE;
            case AGGREGATE -> ObjectRef.Kind.AGGREGATE;
        };
        ObjectRef ref = new ObjectRef(kind, sig.toString());
        if (r == null) {
            st.touch(ref, TouchedObject.Action.ALTER);
            if (!st.tolerant) {
                throw new ObjectStateError("function " + sig + " does not exist");
            }
            return;
        }
        if (c.accept("owner", "to")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            st.model.routines.put(sig, new Routine(sig, r.kind(), r.returnType(), r.language(), r.definition(),
                    r.dependsOn(), c.identifier()));
        } else if (c.accept("rename", "to") || c.accept("set", "schema")) {
            boolean schema = c.peek(-1) != null && c.peek(-1).isWord("schema");
            String target = c.identifier();
            st.touch(ref, TouchedObject.Action.RENAME);
            QualifiedName to = schema ? QualifiedName.of(target, sig.name().name())
                    : QualifiedName.of(sig.name().schema(), target);
            RoutineSignature newSig = new RoutineSignature(to, sig.argumentTypes());
            String def = r.definition().replaceFirst(java.util.regex.Pattern.quote(" " + sig.name() + "("),
                    java.util.regex.Matcher.quoteReplacement(" " + to + "("));
            st.model.routines.remove(sig);
            st.model.routines.put(newSig, new Routine(newSig, r.kind(), r.returnType(), r.language(), def,
                    r.dependsOn(), r.owner()));
        } else if (c.is("depends") || c.is("no", "depends")) {
            c.rest();
        } else {
            throw new UnsupportedDdl("ALTER FUNCTION options other than OWNER TO / RENAME TO / SET SCHEMA change "
                    + "the definition: write CREATE OR REPLACE FUNCTION instead");
        }
    }

    private void alterTrigger(Cursor c) {
        String name = c.identifier();
        c.expect("on");
        QualifiedName table = st.tableName(c.dottedName());
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.TRIGGER, table + "." + Identifiers.quote(name));
        c.expect("rename", "to");
        String to = c.identifier();
        st.touch(ref, TouchedObject.Action.RENAME);
        Table t = st.table(table);
        Trigger trigger = t.triggers().get(name);
        if (trigger == null) {
            if (st.tolerant) {
                return;
            }
            throw new ObjectStateError("trigger " + Identifiers.quote(name) + " for table " + table
                    + " does not exist");
        }
        Map<String, Trigger> triggers = new TreeMap<>(t.triggers());
        triggers.remove(name);
        String def = trigger.definition().replaceFirst("TRIGGER " + java.util.regex.Pattern.quote(
                Identifiers.quote(name)) + " ", java.util.regex.Matcher.quoteReplacement("TRIGGER "
                + Identifiers.quote(to) + " "));
        triggers.put(to, new Trigger(to, table, def, trigger.function(), trigger.enabled()));
        st.put(t.withTriggers(triggers));
    }

    static Set<String> indexNames(Map<String, Index> m) {
        return new HashSet<>(m.keySet());
    }
}
