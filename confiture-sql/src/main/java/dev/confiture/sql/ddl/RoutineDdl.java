package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.Policy;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.Trigger;
import dev.confiture.model.schema.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Functions, procedures, aggregates, triggers and policies. A routine's {@code definition} is the
 * {@code CREATE OR REPLACE} statement {@code pg_get_functiondef} prints: arguments and return type with
 * normalised types, LANGUAGE and the other options in its order and layout, defaults left out, and the body
 * exactly as written between {@code $function$} (or {@code $procedure$}) quotes. An aggregate's is its
 * {@code CREATE AGGREGATE} in {@link OpaqueSql}'s canonical text.
 */
final class RoutineDdl {

    private final Interpretation st;
    private final Expressions ex;

    RoutineDdl(Interpretation st) {
        this.st = st;
        this.ex = new Expressions(st);
    }

    /** One argument of a routine as declared. */
    record Argument(String mode, String name, String type, String defaultExpression) {
        boolean inSignature() {
            return !mode.equals("out");
        }

        String sql() {
            StringBuilder sb = new StringBuilder();
            if (!mode.equals("in")) {
                sb.append(mode.toUpperCase(Locale.ROOT)).append(' ');
            }
            if (name != null) {
                sb.append(Identifiers.quote(name)).append(' ');
            }
            sb.append(type);
            if (defaultExpression != null) {
                sb.append(" DEFAULT ").append(defaultExpression);
            }
            return sb.toString();
        }
    }

    List<Argument> arguments(List<Token> inside) {
        List<Argument> out = new ArrayList<>();
        if (inside.isEmpty()) {
            return out;
        }
        for (List<Token> arg : Cursor.splitCommas(inside)) {
            Cursor c = new Cursor(arg);
            String mode = "in";
            if (c.accept("in", "out") || c.accept("inout")) {
                mode = "inout";
            } else if (c.accept("in")) {
                mode = "in";
            } else if (c.accept("out")) {
                mode = "out";
            } else if (c.accept("variadic")) {
                mode = "variadic";
            }
            List<Token> decl = c.until(x -> x.is("default") || x.is("="));
            String def = null;
            if (c.accept("default") || c.accept("=")) {
                def = ex.expr(c.rest());
            }
            String name = null;
            List<Token> typeTokens = decl;
            if (decl.size() >= 2 && decl.get(0).isIdentifier() && Expressions.typeEnd(decl, 0) != decl.size()) {
                name = decl.get(0).value();
                typeTokens = decl.subList(1, decl.size());
            }
            out.add(new Argument(mode, name, ex.type(typeTokens), def));
        }
        return out;
    }

    static List<String> signatureTypes(List<Argument> args) {
        return args.stream().filter(Argument::inSignature).map(Argument::type).toList();
    }

    // ------------------------------------------------------------------ CREATE FUNCTION / PROCEDURE

    void create(Cursor c, boolean orReplace, boolean procedure) {
        QualifiedName name = st.createName(c.dottedName());
        List<Argument> args = arguments(c.parenthesized());
        RoutineSignature sig = new RoutineSignature(name, signatureTypes(args));
        ObjectRef.Kind kind = procedure ? ObjectRef.Kind.PROCEDURE : ObjectRef.Kind.FUNCTION;
        st.touch(new ObjectRef(kind, sig.toString()), TouchedObject.Action.CREATE);
        String returns = null;
        if (c.accept("returns")) {
            if (c.accept("table")) {
                List<String> cols = new ArrayList<>();
                for (List<Token> col : Cursor.splitCommas(c.parenthesized())) {
                    cols.add(Identifiers.quote(col.get(0).value()) + " " + ex.type(col.subList(1, col.size())));
                }
                returns = "TABLE(" + String.join(", ", cols) + ")";
            } else {
                boolean setof = c.accept("setof");
                int start = c.position();
                List<Token> rest = c.rest();
                int end = Expressions.typeEnd(rest, 0);
                c.reset(start + end);
                returns = (setof ? "SETOF " : "") + ex.type(rest.subList(0, end));
            }
        } else if (!procedure) {
            // no RETURNS: the OUT parameters say it, record for several, the one's own type for one
            List<Argument> outs = args.stream().filter(a -> a.mode().equals("out") || a.mode().equals("inout")).toList();
            returns = outs.isEmpty() ? null : outs.size() == 1 ? outs.get(0).type() : "record";
            if (returns == null) {
                throw new UnsupportedDdl("function without RETURNS");
            }
        }
        String language = null;
        String volatility = null;
        boolean strict = false;
        boolean securityDefiner = false;
        boolean leakproof = false;
        boolean window = false;
        String parallel = null;
        String cost = null;
        String rows = null;
        String support = null;
        List<String> settings = new ArrayList<>();
        String body = null;
        while (!c.atEnd()) {
            if (c.accept("language")) {
                Token l = c.next();
                language = l.isStringLike() ? l.value().toLowerCase(Locale.ROOT) : l.value();
            } else if (c.accept("immutable") || c.accept("stable") || c.accept("volatile")) {
                c.reset(c.position() - 1);
                volatility = c.next().value();
            } else if (c.accept("strict") || c.accept("returns", "null", "on", "null", "input")) {
                strict = true;
            } else if (c.accept("called", "on", "null", "input")) {
                strict = false;
            } else if (c.accept("external")) {
                continue;
            } else if (c.accept("security", "definer")) {
                securityDefiner = true;
            } else if (c.accept("security", "invoker")) {
                securityDefiner = false;
            } else if (c.accept("not", "leakproof")) {
                leakproof = false;
            } else if (c.accept("leakproof")) {
                leakproof = true;
            } else if (c.accept("window")) {
                window = true;
            } else if (c.accept("parallel")) {
                parallel = c.identifier();
            } else if (c.accept("cost")) {
                cost = c.next().text();
            } else if (c.accept("rows")) {
                rows = c.next().text();
            } else if (c.accept("support")) {
                support = String.join(".", c.dottedName());
            } else if (c.accept("set")) {
                List<Token> setting = c.until(x -> x.is("language") || x.is("as") || x.is("set")
                        || x.is("immutable") || x.is("stable") || x.is("volatile") || x.is("strict")
                        || x.is("security") || x.is("parallel") || x.is("cost") || x.is("begin") || x.is("return"));
                settings.add("SET " + SqlText.render(setting).replace(" = ", " TO "));
            } else if (c.accept("transform")) {
                c.until(x -> x.is("language") || x.is("as"));
            } else if (c.accept("as")) {
                Token b = c.next();
                if (!b.isStringLike()) {
                    throw new UnsupportedDdl("expected the routine body as a string after AS");
                }
                body = b.value();
                if (c.accept(",")) {
                    // AS 'object file', 'link symbol': pg_get_functiondef quotes the first and dollar-quotes the second
                    body = "\u0000'" + b.value().replace("'", "''") + "'\u0002" + c.next().value();
                }
            } else if (c.is("begin", "atomic") || c.is("return")) {
                body = "\u0001" + SqlText.render(c.rest());
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " in CREATE "
                        + (procedure ? "PROCEDURE" : "FUNCTION"));
            }
        }
        if (body == null) {
            throw new UnsupportedDdl("routine without a body (AS ...)");
        }
        if (language == null) {
            language = body.startsWith("\u0001") ? "sql" : null;
            if (language == null) {
                throw new UnsupportedDdl("routine without LANGUAGE");
            }
        }
        // pg_get_functiondef's layout, so that a routine read from a file and from a database compare equal
        StringBuilder def = new StringBuilder("CREATE OR REPLACE ").append(procedure ? "PROCEDURE " : "FUNCTION ")
                .append(name).append('(').append(String.join(", ", args.stream().map(Argument::sql).toList()))
                .append(")\n");
        if (returns != null) {
            def.append(" RETURNS ").append(returns).append('\n');
        }
        def.append(" LANGUAGE ").append(language).append('\n');
        StringBuilder options = new StringBuilder();
        if (window) {
            options.append(" WINDOW");
        }
        if (volatility != null && !volatility.equals("volatile")) {
            options.append(' ').append(volatility.toUpperCase(Locale.ROOT));
        }
        if (parallel != null && !parallel.equals("unsafe")) {
            options.append(" PARALLEL ").append(parallel.toUpperCase(Locale.ROOT));
        }
        if (strict) {
            options.append(" STRICT");
        }
        if (securityDefiner) {
            options.append(" SECURITY DEFINER");
        }
        if (leakproof) {
            options.append(" LEAKPROOF");
        }
        boolean compiled = language.equals("internal") || language.equals("c");
        if (cost != null && new java.math.BigDecimal(cost).compareTo(java.math.BigDecimal.valueOf(compiled ? 1 : 100)) != 0) {
            options.append(" COST ").append(cost);
        }
        if (rows != null && new java.math.BigDecimal(rows).compareTo(java.math.BigDecimal.valueOf(1000)) != 0) {
            options.append(" ROWS ").append(rows);
        }
        if (support != null) {
            options.append(" SUPPORT ").append(support);
        }
        if (!options.isEmpty()) {
            def.append(options).append('\n');
        }
        for (String s : settings) {
            def.append(' ').append(s).append('\n');
        }
        if (body.startsWith("\u0001")) {
            def.append(body.substring(1));
        } else {
            // the body exactly as written: PostgreSQL keeps prosrc byte for byte
            String tag = procedure ? "$procedure$" : "$function$";
            String[] objectAndSymbol = body.startsWith("\u0000") ? body.substring(1).split("\u0002", 2) : null;
            String source = objectAndSymbol == null ? body : objectAndSymbol[1];
            while (source.contains(tag)) {
                tag = tag.substring(0, tag.length() - 1) + "x$";
            }
            def.append("AS ");
            if (objectAndSymbol != null) {
                def.append(objectAndSymbol[0]).append(", ");
            }
            def.append(tag).append(source).append(tag);
        }
        Routine existing = st.model.routines.get(sig);
        if (existing != null && !orReplace && !st.tolerant) {
            throw new ObjectStateError((procedure ? "procedure " : "function ") + sig + " already exists");
        }
        st.ensureSchema(name.schema());
        Set<ObjectRef> deps = new HashSet<>();
        for (Argument a : args) {
            typeDependency(a.type()).ifPresent(deps::add);
        }
        if (returns != null) {
            typeDependency(returns.replaceFirst("^SETOF ", "")).ifPresent(deps::add);
        }
        st.model.routines.put(sig, new Routine(sig, procedure ? Routine.Kind.PROCEDURE : Routine.Kind.FUNCTION,
                returns, language, def.toString(), deps, existing == null ? null : existing.owner()));
    }

    private java.util.Optional<ObjectRef> typeDependency(String type) {
        String base = type.replace("[]", "");
        for (var e : st.model.enums.keySet()) {
            if (Interpretation.displayName(e).equals(base)) {
                return java.util.Optional.of(new ObjectRef(ObjectRef.Kind.TYPE, e.toString()));
            }
        }
        for (var e : st.model.composites.keySet()) {
            if (Interpretation.displayName(e).equals(base)) {
                return java.util.Optional.of(new ObjectRef(ObjectRef.Kind.TYPE, e.toString()));
            }
        }
        for (var e : st.model.domains.keySet()) {
            if (Interpretation.displayName(e).equals(base)) {
                return java.util.Optional.of(new ObjectRef(ObjectRef.Kind.DOMAIN, e.toString()));
            }
        }
        return java.util.Optional.empty();
    }

    void createAggregate(Cursor c, boolean orReplace) {
        QualifiedName name = st.createName(c.dottedName());
        int start = c.position();
        List<Token> first = c.parenthesized();
        List<Argument> args;
        if (c.is("(")) {
            List<Token> argTokens = first;
            int orderBy = -1;
            for (int i = 0; i < argTokens.size(); i++) {
                if (argTokens.get(i).isWord("order") && i + 1 < argTokens.size() && argTokens.get(i + 1).isWord("by")) {
                    orderBy = i;
                }
            }
            if (orderBy >= 0) {
                throw new UnsupportedDdl("ordered-set aggregates are not supported");
            }
            args = argTokens.size() == 1 && argTokens.get(0).isPunct("*") ? List.of() : arguments(argTokens);
            c.parenthesized();
        } else {
            // old syntax: CREATE AGGREGATE name (BASETYPE = type, SFUNC = ..., ...)
            args = new ArrayList<>();
            for (List<Token> opt : Cursor.splitCommas(first)) {
                if (!opt.isEmpty() && opt.get(0).isWord("basetype")) {
                    List<Token> t = opt.subList(2, opt.size());
                    if (!(t.size() == 1 && t.get(0).isWord("any"))) {
                        args.add(new Argument("in", null, ex.type(t), null));
                    }
                }
            }
        }
        c.expectEnd();
        RoutineSignature sig = new RoutineSignature(name, signatureTypes(args));
        st.touch(new ObjectRef(ObjectRef.Kind.AGGREGATE, sig.toString()), TouchedObject.Action.CREATE);
        c.reset(start);
        List<Token> rest = c.rest();
        // support functions qualified as the catalog reader (and pg_dump) writes them, in canonical text
        String def = OpaqueSql.canonical("CREATE AGGREGATE " + name + qualifySupportFunctions(SqlText.render(rest)));
        Routine existing = st.model.routines.get(sig);
        if (existing != null && !orReplace && !st.tolerant) {
            throw new ObjectStateError("aggregate " + sig + " already exists");
        }
        st.model.routines.put(sig, new Routine(sig, Routine.Kind.AGGREGATE, aggregateResult(rest), "internal", def,
                Set.of(), existing == null ? null : existing.owner()));
    }

    /**
     * What an aggregate returns: its final function's result, or the state type without one; null when the
     * final function is not in the model (a built-in one).
     */
    private String aggregateResult(List<Token> definition) {
        String state = null;
        List<String> finalFunction = null;
        for (List<Token> option : Cursor.splitCommas(innermostOptions(definition))) {
            if (option.size() < 3 || !option.get(1).isPunct("=")) {
                continue;
            }
            if (option.get(0).isWord("stype")) {
                state = ex.type(option.subList(2, option.size()));
            } else if (option.get(0).isWord("finalfunc")) {
                finalFunction = new Cursor(option.subList(2, option.size())).dottedName();
            }
        }
        if (finalFunction == null) {
            return state;
        }
        QualifiedName fn = st.resolve(finalFunction,
                q -> st.model.routines.keySet().stream().anyMatch(r -> r.name().equals(q)));
        return st.model.routines.values().stream().filter(r -> r.signature().name().equals(fn))
                .map(Routine::returnType).findFirst().orElse(null);
    }

    /** The last parenthesised group of {@code CREATE AGGREGATE name (args) (options)}: its options. */
    private static List<Token> innermostOptions(List<Token> tokens) {
        Cursor c = new Cursor(tokens);
        List<Token> last = List.of();
        while (c.is("(")) {
            last = c.parenthesized();
        }
        return last;
    }

    private static final java.util.regex.Pattern SUPPORT_FUNCTION = java.util.regex.Pattern.compile(
            "\\b(sfunc|finalfunc|combinefunc|serialfunc|deserialfunc|msfunc|minvfunc|mfinalfunc)(\\s*=\\s*)"
                    + "([a-z_][a-z0-9_$]*)\\b(?!\\s*\\.)");

    /**
     * An aggregate's support functions named without a schema ({@code finalfunc = _median}) are
     * qualified with the schema the search path finds them in now, so that the generated statement
     * means the same under any search_path (as the catalog reader's form does). Built-in ones stay bare.
     */
    private String qualifySupportFunctions(String options) {
        java.util.regex.Matcher m = SUPPORT_FUNCTION.matcher(options);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String bare = m.group(3);
            QualifiedName q = st.resolve(List.of(bare), n -> st.model.routines.keySet().stream()
                    .anyMatch(sig -> sig.name().equals(n)));
            boolean known = st.model.routines.keySet().stream().anyMatch(sig -> sig.name().equals(q));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    m.group(1) + m.group(2) + (known ? q.toString() : bare)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Resolves {@code name(args)} or a bare name to the routine it means. */
    RoutineSignature signature(Cursor c, boolean mustExist) {
        List<String> parts = c.dottedName();
        if (c.is("(")) {
            List<Argument> args = arguments(c.parenthesized());
            QualifiedName q = st.resolve(parts, n -> st.model.routines.keySet().stream()
                    .anyMatch(s -> s.name().equals(n)));
            return new RoutineSignature(q, signatureTypes(args));
        }
        QualifiedName q = st.resolve(parts, n -> st.model.routines.keySet().stream().anyMatch(s -> s.name().equals(n)));
        List<RoutineSignature> candidates = st.model.routines.keySet().stream().filter(s -> s.name().equals(q))
                .toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.size() > 1) {
            throw new UnsupportedDdl("routine name " + q + " is not unique: give the argument types");
        }
        if (mustExist && !st.tolerant) {
            throw new ObjectStateError("routine " + q + " does not exist");
        }
        return new RoutineSignature(q, List.of());
    }

    // ------------------------------------------------------------------ triggers

    void createTrigger(Cursor c, boolean orReplace, boolean constraint) {
        String name = c.identifier();
        StringBuilder def = new StringBuilder(constraint ? "CREATE CONSTRAINT TRIGGER " : "CREATE TRIGGER ")
                .append(Identifiers.quote(name)).append(' ');
        List<Token> timingEvents = c.untilAny("on");
        def.append(upperWords(timingEvents));
        c.expect("on");
        QualifiedName table = st.relationName(c.dottedName());
        def.append(" ON ").append(table);
        String forEach = "FOR EACH STATEMENT";
        String when = null;
        String deferrable = "";
        String referencing = "";
        String from = "";
        while (!c.is("execute")) {
            if (c.accept("from")) {
                from = " FROM " + st.tableName(c.dottedName());
            } else if (c.accept("not", "deferrable")) {
                deferrable = "";
            } else if (c.accept("deferrable")) {
                deferrable = deferrable.contains("INITIALLY DEFERRED") ? deferrable : " DEFERRABLE INITIALLY IMMEDIATE";
            } else if (c.accept("initially", "deferred")) {
                deferrable = " DEFERRABLE INITIALLY DEFERRED";
            } else if (c.accept("initially", "immediate")) {
                deferrable = " DEFERRABLE INITIALLY IMMEDIATE";
            } else if (c.accept("referencing")) {
                referencing = " REFERENCING " + upperWords(c.until(x -> x.is("for") || x.is("when")
                        || x.is("execute")));
            } else if (c.accept("for")) {
                c.accept("each");
                forEach = "FOR EACH " + c.identifier().toUpperCase(Locale.ROOT);
            } else if (c.accept("when")) {
                when = ex.expr(c.parenthesized());
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " in CREATE TRIGGER");
            }
        }
        c.expect("execute");
        if (!c.accept("function")) {
            c.expect("procedure");
        }
        List<String> fn = c.dottedName();
        java.util.function.Predicate<QualifiedName> isTriggerFunction = n -> st.model.routines.keySet().stream()
                .anyMatch(s -> s.name().equals(n) && s.argumentTypes().isEmpty());
        QualifiedName fnName = st.resolve(fn, isTriggerFunction);
        // a built-in trigger function (tsvector_update_trigger) is no schema's own: pg_catalog, written bare
        boolean builtIn = fn.size() == 1 && !isTriggerFunction.test(fnName);
        if (builtIn) {
            fnName = QualifiedName.of("pg_catalog", fn.get(0));
        }
        String args = SqlText.render(c.parenthesized());
        c.expectEnd();
        def.append(from).append(deferrable).append(referencing).append(' ').append(forEach);
        if (when != null) {
            def.append(" WHEN (").append(when).append(')');
        }
        def.append(" EXECUTE FUNCTION ").append(builtIn ? Identifiers.quote(fn.get(0)) : fnName.toString()).append('(')
                .append(args).append(')');
        st.touch(new ObjectRef(ObjectRef.Kind.TRIGGER, table + "." + Identifiers.quote(name)),
                TouchedObject.Action.CREATE);
        st.touch(ObjectRef.table(table), TouchedObject.Action.ALTER);
        Trigger trigger = new Trigger(name, table, def.toString(), new RoutineSignature(fnName, List.of()), 'O');
        // INSTEAD OF (or a statement trigger) on a view hangs off the view
        View view = st.model.tables.containsKey(table) ? null : st.model.views.get(table);
        Table t = view == null ? st.table(table) : null;
        Map<String, Trigger> triggers = new TreeMap<>(view != null ? view.triggers() : t.triggers());
        if (triggers.containsKey(name) && !orReplace && !st.tolerant) {
            throw new ObjectStateError("trigger " + Identifiers.quote(name) + " for relation " + table
                    + " already exists");
        }
        triggers.put(name, trigger);
        if (view != null) {
            st.putView(view.withTriggers(triggers));
        } else {
            st.put(t.withTriggers(triggers));
        }
    }

    private static String upperWords(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        Set<String> keep = Set.of("before", "after", "instead", "of", "insert", "update", "delete", "truncate", "or",
                "old", "new", "table", "as", "row", "statement");
        for (Token t : tokens) {
            if (t.type() == Token.Type.WORD && keep.contains(t.value())) {
                String up = t.value().toUpperCase(Locale.ROOT);
                out.add(new Token(Token.Type.WORD, up, up, t.line()));
            } else {
                out.add(t);
            }
        }
        return SqlText.render(out);
    }

    // ------------------------------------------------------------------ policies

    void createPolicy(Cursor c) {
        String name = c.identifier();
        c.expect("on");
        QualifiedName table = st.tableName(c.dottedName());
        st.touch(new ObjectRef(ObjectRef.Kind.POLICY, table + "." + Identifiers.quote(name)),
                TouchedObject.Action.CREATE);
        st.touch(ObjectRef.table(table), TouchedObject.Action.ALTER);
        boolean permissive = true;
        String command = "ALL";
        List<String> roles = new ArrayList<>();
        String using = null;
        String withCheck = null;
        while (!c.atEnd()) {
            if (c.accept("as")) {
                permissive = !c.identifier().equals("restrictive");
            } else if (c.accept("for")) {
                command = c.identifier().toUpperCase(Locale.ROOT);
            } else if (c.accept("to")) {
                roles = roles(c);
            } else if (c.accept("using")) {
                using = ex.expr(c.parenthesized());
            } else if (c.accept("with", "check")) {
                withCheck = ex.expr(c.parenthesized());
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " in CREATE POLICY");
            }
        }
        Table t = st.table(table);
        if (t.policies().containsKey(name) && !st.tolerant) {
            throw new ObjectStateError("policy " + Identifiers.quote(name) + " for table " + table + " already exists");
        }
        Map<String, Policy> policies = new TreeMap<>(t.policies());
        policies.put(name, new Policy(name, table, permissive, command, roles, using, withCheck));
        st.put(t.withPolicies(policies));
    }

    private List<String> roles(Cursor c) {
        List<String> roles = new ArrayList<>();
        do {
            String r = c.identifier();
            if (!r.equals("public")) {
                roles.add(r);
            }
        } while (c.accept(","));
        return roles.stream().sorted().toList();
    }

    void alterPolicy(Cursor c) {
        String name = c.identifier();
        c.expect("on");
        QualifiedName table = st.tableName(c.dottedName());
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.POLICY, table + "." + Identifiers.quote(name));
        Table t = st.table(table);
        Policy p = t.policies().get(name);
        if (p == null) {
            if (!st.tolerant) {
                throw new ObjectStateError("policy " + Identifiers.quote(name) + " for table " + table
                        + " does not exist");
            }
            p = new Policy(name, table, true, "ALL", List.of(), null, null);
        }
        Map<String, Policy> policies = new TreeMap<>(t.policies());
        if (c.accept("rename", "to")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            String to = c.identifier();
            policies.remove(name);
            policies.put(to, new Policy(to, table, p.permissive(), p.command(), p.roles(), p.using(), p.withCheck()));
            st.put(t.withPolicies(policies));
            return;
        }
        st.touch(ref, TouchedObject.Action.ALTER);
        List<String> roles = p.roles();
        String using = p.using();
        String withCheck = p.withCheck();
        while (!c.atEnd()) {
            if (c.accept("to")) {
                roles = roles(c);
            } else if (c.accept("using")) {
                using = ex.expr(c.parenthesized());
            } else if (c.accept("with", "check")) {
                withCheck = ex.expr(c.parenthesized());
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " in ALTER POLICY");
            }
        }
        policies.put(name, new Policy(name, table, p.permissive(), p.command(), roles, using, withCheck));
        st.put(t.withPolicies(policies));
    }
}
