package dev.confiture.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Facts about a single statement's kind, read from its leading keywords (comments and case ignored). */
public final class SqlStatements {

    /** The first words of the statements {@link #requiresNoTransaction} can say yes to. */
    private static final Set<String> MAY_REFUSE_TRANSACTION =
            Set.of("VACUUM", "CREATE", "DROP", "REINDEX", "CLUSTER", "ALTER", "COMMIT", "ROLLBACK");

    /** ... and those among them decided by words past the fourth. */
    private static final Set<String> READ_WHOLE = Set.of("REINDEX", "CLUSTER", "ALTER");

    private SqlStatements() {
    }

    /** Whether any of {@code statements} must run outside a transaction ({@link #requiresNoTransaction}): the file then runs in autocommit. */
    public static boolean anyRequiresNoTransaction(List<SqlStatement> statements) {
        return statements.stream().anyMatch(s -> requiresNoTransaction(s.sql()));
    }

    /**
     * True for statements PostgreSQL refuses inside a transaction block ("... cannot run inside a
     * transaction block"), which a migration must therefore run one by one in autocommit:
     * <ul>
     * <li>{@code CREATE [UNIQUE] INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY}</li>
     * <li>{@code REINDEX ... CONCURRENTLY}, and {@code REINDEX SCHEMA|DATABASE|SYSTEM} in any form</li>
     * <li>{@code VACUUM}, {@code ALTER SYSTEM}, {@code CLUSTER} without a table (the whole database)</li>
     * <li>{@code CREATE|DROP DATABASE}, {@code ALTER DATABASE ... SET TABLESPACE},
     *     {@code CREATE|DROP TABLESPACE}</li>
     * <li>{@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY} (PostgreSQL 14+)</li>
     * <li>{@code CREATE|DROP SUBSCRIPTION}, {@code ALTER SUBSCRIPTION ... REFRESH PUBLICATION} and
     *     {@code ... SET|ADD|DROP PUBLICATION} (refused in a transaction with their default options; running
     *     them outside one is always allowed)</li>
     * <li>{@code COMMIT PREPARED}, {@code ROLLBACK PREPARED}</li>
     * </ul>
     * {@code ALTER TYPE ... ADD VALUE} is deliberately not in the list: PostgreSQL 12 and later (the
     * oldest version Confiture supports) accept it in a transaction; only using the new value in the
     * same transaction fails ("unsafe use of new value"), so such a use belongs in the next migration.
     */
    public static boolean requiresNoTransaction(String sql) {
        // Most statements are decided by their first four words; only these kinds need all of them.
        // A migration of large INSERTs is then not lexed to the end of each one a second time.
        List<String> lead = SqlLexer.tokens(sql, 4);
        if (lead.isEmpty() || !MAY_REFUSE_TRANSACTION.contains(lead.get(0))) {
            return false;
        }
        List<String> t = new ArrayList<>(READ_WHOLE.contains(lead.get(0)) ? SqlLexer.tokens(sql) : lead);
        while (!t.isEmpty() && t.get(t.size() - 1).equals(";")) {
            t.remove(t.size() - 1);
        }
        if (t.isEmpty()) {
            return false;
        }
        switch (t.get(0)) {
            case "VACUUM":
                return true;
            case "CREATE": {
                int i = 1;
                if (is(t, i, "UNIQUE")) {
                    i++;
                }
                if (is(t, i, "INDEX")) {
                    return is(t, i + 1, "CONCURRENTLY");
                }
                return isAny(t, 1, "DATABASE", "TABLESPACE", "SUBSCRIPTION");
            }
            case "DROP":
                if (is(t, 1, "INDEX")) {
                    return is(t, 2, "CONCURRENTLY");
                }
                return isAny(t, 1, "DATABASE", "TABLESPACE", "SUBSCRIPTION");
            case "REINDEX": {
                int i = skipParenthesised(t, 1);
                if (isAny(t, i, "SCHEMA", "DATABASE", "SYSTEM")) {
                    return true;
                }
                return is(t, i + 1, "CONCURRENTLY");
            }
            case "CLUSTER": {
                int i = skipParenthesised(t, 1);
                if (is(t, i, "VERBOSE")) {
                    i++;
                }
                return i >= t.size();
            }
            case "ALTER":
                if (is(t, 1, "SYSTEM")) {
                    return true;
                }
                if (is(t, 1, "DATABASE")) {
                    return containsSequence(t, "SET", "TABLESPACE");
                }
                if (is(t, 1, "TABLE")) {
                    int detach = t.indexOf("DETACH");
                    return detach > 0 && is(t, detach + 1, "PARTITION") && t.subList(detach, t.size()).contains("CONCURRENTLY");
                }
                if (is(t, 1, "SUBSCRIPTION")) {
                    return containsSequence(t, "REFRESH", "PUBLICATION") || containsSequence(t, "SET", "PUBLICATION")
                            || containsSequence(t, "ADD", "PUBLICATION") || containsSequence(t, "DROP", "PUBLICATION");
                }
                return false;
            case "COMMIT":
            case "ROLLBACK":
                return is(t, 1, "PREPARED");
            default:
                return false;
        }
    }

    /**
     * The transaction control statement {@code sql} is, if it is one: {@code BEGIN}, {@code START
     * TRANSACTION}, {@code COMMIT}, {@code END}, {@code ROLLBACK}, {@code ABORT}, {@code SAVEPOINT},
     * {@code RELEASE [SAVEPOINT]}, {@code ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT]},
     * {@code PREPARE TRANSACTION}, {@code COMMIT PREPARED}, {@code ROLLBACK PREPARED}. This is the one
     * rule every caller uses (the migration runner, the DDL interpreter's migration reading, build).
     *
     * <p>Only a statement's own leading words count: {@code BEGIN}/{@code END} inside a dollar-quoted
     * body ({@code DO $$ BEGIN ... END $$}, PL/pgSQL functions) is part of a {@code DO} or
     * {@code CREATE} statement, and so is a SQL-standard {@code BEGIN ATOMIC ... END} body, which
     * {@link SqlSplitter} keeps in one statement. {@code CALL} is not recognised: a procedure may
     * commit, but what it does is not visible in the script.
     */
    public static Optional<TransactionControl> transactionControl(String sql) {
        List<String> t = SqlLexer.tokens(sql, 4);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        TransactionControl kind = switch (t.get(0)) {
            case "BEGIN" -> TransactionControl.BEGIN;
            case "START" -> is(t, 1, "TRANSACTION") ? TransactionControl.BEGIN : null;
            case "COMMIT" -> is(t, 1, "PREPARED") ? TransactionControl.COMMIT_PREPARED : TransactionControl.COMMIT;
            case "END" -> TransactionControl.COMMIT;
            case "ABORT" -> TransactionControl.ROLLBACK;
            case "ROLLBACK" -> is(t, 1, "PREPARED") ? TransactionControl.ROLLBACK_PREPARED
                    : is(t, 1, "TO") || (isAny(t, 1, "WORK", "TRANSACTION") && is(t, 2, "TO"))
                    ? TransactionControl.ROLLBACK_TO_SAVEPOINT : TransactionControl.ROLLBACK;
            case "SAVEPOINT" -> TransactionControl.SAVEPOINT;
            case "RELEASE" -> TransactionControl.RELEASE_SAVEPOINT;
            // PREPARE TRANSACTION takes a string; PREPARE name AS ... is a prepared statement
            case "PREPARE" -> is(t, 1, "TRANSACTION") && is(t, 2, "'") ? TransactionControl.PREPARE_TRANSACTION : null;
            default -> null;
        };
        return Optional.ofNullable(kind);
    }

    /**
     * What in the statement releases the session's advisory locks, or empty: a {@code DISCARD} (its
     * {@code ALL} form runs {@code pg_advisory_unlock_all()}; the others reset state of the session too),
     * or a call of {@code pg_advisory_unlock(...)} or {@code pg_advisory_unlock_all()}, schema-qualified
     * or quoted, in the statement or in a {@code DO} block's body. A migration runs on the session that
     * holds the runner's migration lock, a session-level advisory lock, so any of these would let another
     * runner in while this one still works. A call inside a function body being created is not a call:
     * it runs when the function is called, which this cannot see.
     *
     * @return the words that do it, as written ({@code DISCARD ALL}, {@code pg_advisory_unlock_all()})
     */
    public static Optional<String> releasesAdvisoryLocks(String sql) {
        // Every statement of every migration comes here before it runs: most hold neither word, and
        // tokenizing them all was most of the time spent checking a large migration.
        if (!containsIgnoringCase(sql, "discard") && !containsIgnoringCase(sql, "pg_advisory_unlock")) {
            return Optional.empty();
        }
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        if (isWord(tokens.get(0), "discard")) {
            return Optional.of(tokens.size() > 1 && tokens.get(1).kind() == SqlToken.Kind.WORD
                    ? "DISCARD " + tokens.get(1).value().toUpperCase(java.util.Locale.ROOT) : "DISCARD");
        }
        boolean doBlock = isWord(tokens.get(0), "do");
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            boolean name = t.kind() == SqlToken.Kind.WORD || t.kind() == SqlToken.Kind.QUOTED_IDENT;
            if (name && (t.value().equals("pg_advisory_unlock") || t.value().equals("pg_advisory_unlock_all"))
                    && i + 1 < tokens.size() && tokens.get(i + 1).text().equals("(")) {
                return Optional.of(t.value() + (t.value().endsWith("_all") ? "()" : "(...)"));
            }
            if (doBlock && t.kind() == SqlToken.Kind.DOLLAR_STRING) {
                Optional<String> inBody = releasesAdvisoryLocks(t.value());
                if (inBody.isPresent()) {
                    return inBody;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code word} (lower case) appears in {@code text} in any case: what the lexer reads as that
     * word, a name folded to lower case or quoted as it is, or inside a {@code DO} body, is spelt there.
     */
    static boolean containsIgnoringCase(String text, String word) {
        char first = word.charAt(0);
        char upper = Character.toUpperCase(first);
        for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || c == upper) && text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWord(SqlToken t, String word) {
        return t.kind() == SqlToken.Kind.WORD && t.value().equals(word);
    }

    /** True for {@code COPY ... FROM STDIN}: a statement whose data follows it in the script. */
    public static boolean isCopyFromStdin(String sql) {
        String lead = sql.stripLeading();
        if (!lead.regionMatches(true, 0, "copy", 0, 4) && !lead.startsWith("-") && !lead.startsWith("/")) {
            return false;
        }
        List<String> t = SqlLexer.tokens(sql);
        return is(t, 0, "COPY") && containsSequence(t, "FROM", "STDIN");
    }

    private static boolean is(List<String> t, int i, String word) {
        return i < t.size() && t.get(i).equals(word);
    }

    private static boolean isAny(List<String> t, int i, String... words) {
        return i < t.size() && Set.of(words).contains(t.get(i));
    }

    private static boolean containsSequence(List<String> t, String a, String b) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).equals(a) && t.get(i + 1).equals(b)) {
                return true;
            }
        }
        return false;
    }

    /** Index after a parenthesised option list starting at {@code i}, or {@code i} when there is none. */
    private static int skipParenthesised(List<String> t, int i) {
        if (!is(t, i, "(")) {
            return i;
        }
        int depth = 0;
        for (int j = i; j < t.size(); j++) {
            if (t.get(j).equals("(")) {
                depth++;
            } else if (t.get(j).equals(")") && --depth == 0) {
                return j + 1;
            }
        }
        return t.size();
    }
}
