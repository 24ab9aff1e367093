package dev.confiture.coordination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.confiture.coordination.ChangedObject.Action;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.ObjectRef.Kind;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.TypeNames;

/**
 * INTERIM, to be deleted: a small scanner that finds the objects common DDL touches, used only until
 * {@code dev.confiture.model.ddl.DdlInterpreter.touchedObjects} is on main, at which point
 * {@link TouchedObjectsExtractor#standard()} switches to it and this class goes. It understands
 * quoted and qualified names, IF [NOT] EXISTS, ONLY, dollar-quoted bodies and function signatures
 * for CREATE/ALTER/DROP of tables, columns, constraints, indexes, functions, procedures, types,
 * domains, views and sequences; anything else is skipped.
 */
final class InterimDdlScanner {

    private record Token(String text, boolean quoted, boolean word, int line) {
        boolean is(String keyword) {
            return word && !quoted && text.equalsIgnoreCase(keyword);
        }

        boolean isPunct(char c) {
            return !word && text.length() == 1 && text.charAt(0) == c;
        }

        String identifier() {
            return quoted ? text : text.toLowerCase(Locale.ROOT);
        }
    }

    private static final Set<String> TABLE_CONSTRAINT_WORDS = Set.of("constraint", "primary", "unique", "check", "foreign", "exclude");

    private InterimDdlScanner() {
    }

    static List<ChangedObject> touchedObjects(String sql) {
        Map<ObjectRef, ChangedObject> found = new LinkedHashMap<>();
        List<Token> statement = new ArrayList<>();
        for (Token t : tokenize(sql)) {
            if (t.isPunct(';')) {
                scan(statement, found);
                statement = new ArrayList<>();
            } else {
                statement.add(t);
            }
        }
        scan(statement, found);
        return List.copyOf(found.values());
    }

    private static void scan(List<Token> s, Map<ObjectRef, ChangedObject> out) {
        try {
            scanStatement(s, out);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // a statement this interim scanner does not follow: skipped, as documented
        }
    }

    private static void scanStatement(List<Token> s, Map<ObjectRef, ChangedObject> out) {
        if (s.isEmpty()) {
            return;
        }
        Cursor c = new Cursor(s);
        int line = s.get(0).line();
        if (c.accept("create")) {
            c.accept("or");
            c.accept("replace");
            c.accept("unique");
            while (c.accept("temp") || c.accept("temporary") || c.accept("unlogged") || c.accept("materialized")) {
                // modifiers that do not change which object is created
            }
            if (c.accept("table")) {
                c.ifExists();
                add(out, ObjectRef.table(c.name()), Action.CREATE, line);
            } else if (c.accept("index")) {
                c.accept("concurrently");
                c.ifExists();
                String index = c.peek().is("on") ? null : c.identifier();
                c.expect("on");
                c.accept("only");
                QualifiedName table = c.name();
                if (index != null) {
                    add(out, new ObjectRef(Kind.INDEX, QualifiedName.of(table.schema(), index).toString()), Action.CREATE, line);
                }
                add(out, ObjectRef.table(table), Action.ALTER, line);
            } else if (c.accept("function") || c.accept("procedure")) {
                Kind kind = s.get(c.pos - 1).is("function") ? Kind.FUNCTION : Kind.PROCEDURE;
                add(out, new ObjectRef(kind, c.name() + "(" + String.join(", ", c.argumentTypes()) + ")"), Action.CREATE, line);
            } else if (c.accept("type")) {
                add(out, new ObjectRef(Kind.TYPE, c.name().toString()), Action.CREATE, line);
            } else if (c.accept("domain")) {
                add(out, new ObjectRef(Kind.DOMAIN, c.name().toString()), Action.CREATE, line);
            } else if (c.accept("view")) {
                add(out, new ObjectRef(Kind.VIEW, c.name().toString()), Action.CREATE, line);
            } else if (c.accept("sequence")) {
                c.ifExists();
                add(out, new ObjectRef(Kind.SEQUENCE, c.name().toString()), Action.CREATE, line);
            }
        } else if (c.accept("alter") && c.accept("table")) {
            c.ifExists();
            c.accept("only");
            QualifiedName table = c.name();
            add(out, ObjectRef.table(table), Action.ALTER, line);
            do {
                alterAction(c, table, out, line);
            } while (c.skipToComma());
        } else if (c.accept("drop")) {
            Kind kind = c.accept("table") ? Kind.TABLE : c.accept("type") ? Kind.TYPE : c.accept("domain") ? Kind.DOMAIN
                    : c.accept("view") ? Kind.VIEW : c.accept("sequence") ? Kind.SEQUENCE : c.accept("index") ? Kind.INDEX
                    : c.accept("function") ? Kind.FUNCTION : c.accept("procedure") ? Kind.PROCEDURE : null;
            if (kind == null) {
                return;
            }
            c.accept("concurrently");
            c.ifExists();
            do {
                QualifiedName name = c.name();
                String identity = kind == Kind.FUNCTION || kind == Kind.PROCEDURE
                        ? name + "(" + String.join(", ", c.argumentTypes()) + ")" : name.toString();
                add(out, new ObjectRef(kind, identity), Action.DROP, line);
            } while (c.acceptPunct(','));
        }
    }

    private static void alterAction(Cursor c, QualifiedName table, Map<ObjectRef, ChangedObject> out, int line) {
        if (c.accept("add")) {
            if (c.accept("constraint")) {
                add(out, constraint(table, c.identifier()), Action.CREATE, line);
            } else if (!TABLE_CONSTRAINT_WORDS.contains(c.peek().text().toLowerCase(Locale.ROOT)) || c.peek().quoted()) {
                c.accept("column");
                c.ifExists();
                add(out, ObjectRef.column(table, c.identifier()), Action.CREATE, line);
            }
        } else if (c.accept("drop")) {
            if (c.accept("constraint")) {
                c.ifExists();
                add(out, constraint(table, c.identifier()), Action.DROP, line);
            } else {
                c.accept("column");
                c.ifExists();
                add(out, ObjectRef.column(table, c.identifier()), Action.DROP, line);
            }
        } else if (c.accept("alter")) {
            if (c.accept("constraint")) {
                add(out, constraint(table, c.identifier()), Action.ALTER, line);
            } else {
                c.accept("column");
                add(out, ObjectRef.column(table, c.identifier()), Action.ALTER, line);
            }
        } else if (c.accept("rename")) {
            if (c.accept("to")) {
                add(out, ObjectRef.table(QualifiedName.of(table.schema(), c.identifier())), Action.CREATE, line);
            } else if (c.accept("constraint")) {
                add(out, constraint(table, c.identifier()), Action.DROP, line);
                c.expect("to");
                add(out, constraint(table, c.identifier()), Action.CREATE, line);
            } else {
                c.accept("column");
                add(out, ObjectRef.column(table, c.identifier()), Action.DROP, line);
                c.expect("to");
                add(out, ObjectRef.column(table, c.identifier()), Action.CREATE, line);
            }
        }
    }

    private static ObjectRef constraint(QualifiedName table, String name) {
        return new ObjectRef(Kind.CONSTRAINT, table + "." + Identifiers.quote(name));
    }

    private static void add(Map<ObjectRef, ChangedObject> out, ObjectRef ref, Action action, int line) {
        out.putIfAbsent(ref, ChangedObject.of(ref, action, line));
    }

    /** A position in one statement's tokens; running off the end yields an empty word, so partial statements fail soft. */
    private static final class Cursor {
        private final List<Token> tokens;
        int pos;

        Cursor(List<Token> tokens) {
            this.tokens = tokens;
        }

        Token peek() {
            return pos < tokens.size() ? tokens.get(pos) : new Token("", false, false, 0);
        }

        boolean accept(String keyword) {
            if (peek().is(keyword)) {
                pos++;
                return true;
            }
            return false;
        }

        boolean acceptPunct(char c) {
            if (peek().isPunct(c)) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(String keyword) {
            if (!accept(keyword)) {
                throw new IllegalStateException("expected " + keyword);
            }
        }

        void ifExists() {
            if (accept("if")) {
                accept("not");
                accept("exists");
            }
        }

        String identifier() {
            Token t = peek();
            pos++;
            return t.identifier();
        }

        QualifiedName name() {
            String first = identifier();
            if (acceptPunct('.')) {
                return QualifiedName.of(first, identifier());
            }
            return QualifiedName.of("public", first.isEmpty() ? "?" : first);
        }

        /** The input argument types of {@code (a integer, OUT b text, VARIADIC c int[] DEFAULT ...)}. */
        List<String> argumentTypes() {
            List<String> types = new ArrayList<>();
            if (!acceptPunct('(')) {
                return types;
            }
            List<Token> arg = new ArrayList<>();
            int depth = 0;
            while (pos < tokens.size()) {
                Token t = tokens.get(pos++);
                if (depth == 0 && (t.isPunct(',') || t.isPunct(')'))) {
                    String type = argumentType(arg);
                    if (type != null) {
                        types.add(type);
                    }
                    arg.clear();
                    if (t.isPunct(')')) {
                        break;
                    }
                    continue;
                }
                depth += t.isPunct('(') ? 1 : t.isPunct(')') ? -1 : 0;
                arg.add(t);
            }
            return types;
        }

        private static String argumentType(List<Token> arg) {
            List<Token> a = new ArrayList<>(arg);
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).is("default") || a.get(i).isPunct('=')) {
                    a = a.subList(0, i);
                    break;
                }
            }
            if (a.isEmpty()) {
                return null;
            }
            if (a.get(0).is("out")) {
                return null;
            }
            if (a.get(0).is("in") || a.get(0).is("inout") || a.get(0).is("variadic")) {
                a = a.subList(1, a.size());
            }
            if (a.size() >= 2 && a.get(1).word() && !startsMultiWordType(a.get(0), a.get(1))) {
                a = a.subList(1, a.size());
            }
            StringBuilder sb = new StringBuilder();
            for (Token t : a) {
                if (sb.length() > 0 && t.word() && sb.charAt(sb.length() - 1) != '.' && sb.charAt(sb.length() - 1) != '(') {
                    sb.append(' ');
                }
                sb.append(t.quoted() ? Identifiers.quote(t.text()) : t.text());
            }
            return TypeNames.normalize(sb.toString());
        }

        private static boolean startsMultiWordType(Token first, Token second) {
            String f = first.text().toLowerCase(Locale.ROOT);
            String s = second.text().toLowerCase(Locale.ROOT);
            return (f.equals("double") && s.equals("precision")) || (f.equals("character") && s.equals("varying"))
                    || (f.equals("bit") && s.equals("varying")) || ((f.equals("timestamp") || f.equals("time"))
                    && (s.equals("with") || s.equals("without")));
        }

        /** Skips to the next top-level comma of an ALTER TABLE action list; false at the end. */
        boolean skipToComma() {
            int depth = 0;
            while (pos < tokens.size()) {
                Token t = tokens.get(pos++);
                if (t.isPunct('(')) {
                    depth++;
                } else if (t.isPunct(')')) {
                    depth--;
                } else if (depth == 0 && t.isPunct(',')) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Words, quoted identifiers and punctuation; strings, dollar-quoted bodies and comments are skipped. */
    private static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        line += sql.charAt(i) == '\n' ? 1 : 0;
                        i++;
                    }
                } while (i < n && depth > 0);
            } else if (c == '\'') {
                i++;
                while (i < n) {
                    char d = sql.charAt(i++);
                    line += d == '\n' ? 1 : 0;
                    if (d == '\'') {
                        if (i < n && sql.charAt(i) == '\'') {
                            i++;
                        } else {
                            break;
                        }
                    } else if (d == '\\' && i >= 2 && isEscapeString(sql, i)) {
                        i++;
                    }
                }
            } else if (c == '"') {
                StringBuilder id = new StringBuilder();
                int start = line;
                i++;
                while (i < n) {
                    char d = sql.charAt(i++);
                    if (d == '"') {
                        if (i < n && sql.charAt(i) == '"') {
                            id.append('"');
                            i++;
                            continue;
                        }
                        break;
                    }
                    line += d == '\n' ? 1 : 0;
                    id.append(d);
                }
                tokens.add(new Token(id.toString(), true, true, start));
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                end = end < 0 ? n : end + tag.length();
                for (int k = i; k < end; k++) {
                    line += sql.charAt(k) == '\n' ? 1 : 0;
                }
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(sql.substring(start, i), false, true, line));
            } else {
                tokens.add(new Token(String.valueOf(c), false, false, line));
                i++;
            }
        }
        return tokens;
    }

    private static boolean isEscapeString(String sql, int afterBackslash) {
        int q = sql.lastIndexOf('\'', afterBackslash - 2);
        return q > 0 && (sql.charAt(q - 1) == 'E' || sql.charAt(q - 1) == 'e');
    }

    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }
}
