package dev.confiture.sql.ddl;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.schema.ObjectRef;

/**
 * The one spelling of an opaque object's SQL ({@link dev.confiture.model.schema.OtherObject#createSql()}),
 * shared by the DDL interpreter and the catalog reader so that the same object read from a file and from a
 * database compares equal: each statement in canonical token text (comments dropped, unquoted words in
 * lower case, one space between tokens, no trailing semicolon; see docs/ddl-interpreter.md), the creating
 * statement first, then the statements that complete it (mappings of a text search configuration, tables
 * of a publication ...) in the order written, joined by {@code ;\n}.
 */
public final class OpaqueSql {

    static final String SEPARATOR = ";\n";

    private OpaqueSql() {
    }

    /** One statement in canonical token text. */
    public static String canonical(String statement) {
        List<Token> tokens = new ArrayList<>(Token.tokenize(statement));
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isPunct(";")) {
            tokens.remove(tokens.size() - 1);
        }
        return SqlText.render(tokens);
    }

    /** The creating statement and the statements that complete it, each canonical. */
    public static String definition(String create, List<String> followUps) {
        StringBuilder sb = new StringBuilder(canonical(create));
        for (String f : followUps) {
            sb.append(SEPARATOR).append(canonical(f));
        }
        return sb.toString();
    }

    /** {@code DROP <kind> <identity>}: every opaque kind's identity is spelled as its DROP statement names it. */
    public static String dropSql(ObjectRef ref) {
        return "DROP " + ref.kind().sql() + " " + ref.identity();
    }
}
