package dev.confiture.sql.ddl;

import java.util.List;
import java.util.Set;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.QualifiedName;

/**
 * {@code CREATE OPERATOR}, {@code ALTER OPERATOR ... OWNER TO} and {@code DROP OPERATOR}: an operator
 * is kept as an opaque {@link OtherObject} identified by its name and argument types
 * ({@code public.=== (integer, integer)}), with its creation statement as written (the name
 * schema-qualified), so a diff creates, replaces or drops it by that identity
 * (docs/ddl-interpreter.md, "Object kinds").
 */
final class OperatorDdl {

    private final Interpretation st;

    private final Expressions ex;

    OperatorDdl(Interpretation st) {
        this.st = st;
        this.ex = new Expressions(st);
    }

    /** After {@code CREATE OPERATOR}. */
    void create(Cursor c) {
        QualifiedName name = operatorName(c);
        st.ensureSchema(name.schema());
        List<Token> body = c.parenthesized();
        c.expectEnd();
        String left = "NONE";
        String right = "NONE";
        for (List<Token> option : Cursor.splitCommas(body)) {
            if (option.size() < 3 || !option.get(1).isPunct("=")) {
                throw new UnsupportedDdl("CREATE OPERATOR option " + text(option));
            }
            if (option.get(0).isWord("leftarg")) {
                left = ex.type(option.subList(2, option.size()));
            } else if (option.get(0).isWord("rightarg")) {
                right = ex.type(option.subList(2, option.size()));
            }
        }
        ObjectRef ref = ref(name, left, right);
        if (st.model.others.containsKey(ref) && !st.tolerant) {
            throw new ObjectStateError("operator " + ref.identity() + " already exists");
        }
        st.touch(ref, TouchedObject.Action.CREATE);
        st.model.others.put(ref, new OtherObject(ref, OpaqueSql.canonical("CREATE OPERATOR "
                + Identifiers.quote(name.schema()) + "." + name.name() + " (" + SqlText.render(body) + ")"),
                OpaqueSql.dropSql(ref), Set.of()));
    }

    /** After {@code ALTER OPERATOR}: only {@code OWNER TO} (which the model does not keep for operators). */
    void alter(Cursor c) {
        ObjectRef ref = signature(c);
        if (!c.is("owner", "to")) {
            throw new UnsupportedDdl("ALTER OPERATOR " + c.describeNext());
        }
        c.rest();
        if (!st.model.others.containsKey(ref) && !st.tolerant) {
            throw new ObjectStateError("operator " + ref.identity() + " does not exist");
        }
        st.touch(ref, TouchedObject.Action.ALTER);
    }

    /** After {@code DROP OPERATOR}. */
    void drop(Cursor c) {
        boolean ifExists = c.accept("if", "exists");
        do {
            ObjectRef ref = signature(c);
            st.touch(ref, TouchedObject.Action.DROP);
            if (st.model.others.remove(ref) == null && !ifExists && !st.tolerant) {
                throw new ObjectStateError("operator " + ref.identity() + " does not exist");
            }
        } while (c.accept(","));
        if (c.accept("cascade")) {
            throw new UnsupportedDdl("DROP OPERATOR ... CASCADE (what depends on the operator is not modelled)");
        }
        c.accept("restrict");
        c.expectEnd();
    }

    /** {@code name (left, right)} as DROP and ALTER spell it. */
    ObjectRef signature(Cursor c) {
        QualifiedName name = operatorName(c);
        List<List<Token>> args = Cursor.splitCommas(c.parenthesized());
        if (args.size() != 2) {
            throw new UnsupportedDdl("an operator's signature has two argument types (NONE for a missing one)");
        }
        return ref(name, argument(args.get(0)), argument(args.get(1)));
    }

    private String argument(List<Token> type) {
        return type.size() == 1 && type.get(0).isWord("none") ? "NONE" : ex.type(type);
    }

    private ObjectRef ref(QualifiedName name, String left, String right) {
        return new ObjectRef(ObjectRef.Kind.OPERATOR, Identifiers.quote(name.schema()) + "." + name.name() + " (" + left
                + ", " + right + ")");
    }

    /** {@code +}, {@code ===} or {@code s.===}: the operator's characters up to the parenthesis. */
    private QualifiedName operatorName(Cursor c) {
        String schema = null;
        if (c.peek() != null && c.peek().isIdentifier() && c.peek(1) != null && c.peek(1).isPunct(".")) {
            schema = c.identifier();
            c.next();
        }
        StringBuilder op = new StringBuilder();
        while (!c.atEnd() && !c.is("(")) {
            op.append(c.next().text());
        }
        if (op.isEmpty()) {
            throw new UnsupportedDdl("CREATE OPERATOR without an operator name");
        }
        return QualifiedName.of(schema == null ? st.creationSchema() : schema, op.toString());
    }

    private static String text(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (!sb.isEmpty() && !t.isPunct(",") && !t.isPunct(".") && !t.isPunct(")") && !t.isPunct("]")
                    && !sb.toString().endsWith(".") && !sb.toString().endsWith("(") && !sb.toString().endsWith("[")
                    && !t.isPunct("(") && !t.isPunct("[")) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }
}
