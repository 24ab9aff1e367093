package dev.confiture.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.confiture.model.ConfitureException;

/**
 * What a migration file may not contain, judged the same way by every goal that reads migrations
 * (the runner's {@code migrate}, {@code rollback} and {@code verify}, and the DDL interpreter behind
 * {@code validate}):
 * <ul>
 * <li>transaction control ({@link SqlStatements#transactionControl}): each migration already runs in
 *     its own transaction together with its tracking row, so its own {@code COMMIT} or {@code ROLLBACK}
 *     would commit part of it or throw part of it away while it is recorded as applied;</li>
 * <li>psql meta-commands ({@link SqlSplitter.Cut#metaCommands()}): migrations are sent over JDBC, not
 *     through psql, so a {@code \connect} or {@code \i} would be lost and the rest run where it was not
 *     meant to;</li>
 * <li>releasing advisory locks ({@link SqlStatements#releasesAdvisoryLocks}): a migration runs on the
 *     session that holds the migration lock, so a {@code DISCARD ALL} or {@code pg_advisory_unlock_all()}
 *     would silently let another runner start on the same database.</li>
 * </ul>
 */
public final class MigrationScript {

    /** The code of the error for a transaction control statement in a migration. */
    public static final String TRANSACTION_CONTROL = "MIGRATION_TRANSACTION_CONTROL";
    /** The code of the error for a psql meta-command in a migration. */
    public static final String META_COMMAND = "MIGRATION_META_COMMAND";
    /** The code of the error for a statement that releases the migration lock ({@code DISCARD}, {@code pg_advisory_unlock}). */
    public static final String RELEASES_LOCK = "MIGRATION_RELEASES_LOCK";

    private MigrationScript() {
    }

    /** One statement or line of a migration that is refused, with why and what to do. */
    public record Refusal(String code, Path file, int line, String message) {

        /** The refusal as the error every goal raises: its code, its message, the file and line. */
        public ConfitureException toException() {
            return new ConfitureException(code, message, file, line, true, null);
        }

        /** {@code file:line: message}, as one item of a list of refusals. */
        public String located() {
            return (file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ") + message;
        }
    }

    /** The migration's statements; its first refusal, if any, is thrown as a {@link ConfitureException}. */
    public static List<SqlStatement> split(String script, Path file) {
        SqlSplitter.Cut cut = SqlSplitter.cut(script, file);
        Optional<Refusal> first = refusals(cut, file).stream().findFirst();
        if (first.isPresent()) {
            throw first.get().toException();
        }
        return cut.statements();
    }

    /** Everything refused in a migration's text, in line order. */
    public static List<Refusal> refusals(String script, Path file) {
        return refusals(SqlSplitter.cut(script, file), file);
    }

    /** Everything refused among a migration's statements and meta-commands, in line order. */
    public static List<Refusal> refusals(SqlSplitter.Cut cut, Path file) {
        List<Refusal> refusals = new ArrayList<>();
        for (SqlStatement s : cut.statements()) {
            SqlStatements.transactionControl(s.sql()).ifPresent(kind ->
                    refusals.add(new Refusal(TRANSACTION_CONTROL, file, s.line(), transactionControl(kind, firstWords(s.sql())))));
            SqlStatements.releasesAdvisoryLocks(s.sql()).ifPresent(what ->
                    refusals.add(new Refusal(RELEASES_LOCK, file, s.line(), releasesLock(what, firstWords(s.sql())))));
        }
        for (MetaCommand m : cut.metaCommands()) {
            refusals.add(new Refusal(META_COMMAND, file, m.line(), metaCommand(m)));
        }
        refusals.sort(Comparator.comparingInt(Refusal::line));
        return List.copyOf(refusals);
    }

    private static String transactionControl(TransactionControl kind, String statement) {
        return "'" + statement + "' is transaction control (" + kind.display() + "), which a migration may not contain:"
                + " each migration already runs in its own transaction together with its row in the tracking table,"
                + " and its own " + kind.display() + " would " + (kind.opensOrEndsTransaction()
                ? "end that transaction early (what ran before it would be committed or thrown away on its own while the"
                + " migration is recorded as applied)" : "act on transactions the runner manages")
                + ". Remove the statement; to commit part of the work on its own, split the migration in two; a"
                + " statement PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM ...) needs no"
                + " COMMIT either: a migration holding one runs outside a transaction automatically.";
    }

    private static String releasesLock(String what, String statement) {
        String does = what.equals("DISCARD ALL") ? "releases every advisory lock the session holds (it runs pg_advisory_unlock_all())"
                : what.startsWith("DISCARD") ? "resets state of the session, as DISCARD ALL does, which also releases every"
                + " advisory lock the session holds"
                : "calls " + what + ", which releases advisory locks the session holds";
        return "'" + statement + "' " + does
                + ": every migration runs on the session that holds the migration lock (a session-level advisory lock),"
                + " so another runner could start migrating the same database while this one still works. Remove it;"
                + " to serialise work of your own, take pg_advisory_xact_lock(key), which the migration's commit releases.";
    }

    private static String metaCommand(MetaCommand m) {
        return "'" + m.command() + "' is a psql meta-command, not SQL: migrations are sent to the database over JDBC,"
                + " not through psql, so it would not run (a \\connect meant for another database, or an \\i of another"
                + " file, would be lost and the rest run here). Remove it: put the SQL itself in the migration, and run"
                + " migrations for another database with that database's environment.";
    }

    /** The statement's first line, shortened, for messages. */
    private static String firstWords(String sql) {
        String line = sql.strip();
        int nl = line.indexOf('\n');
        if (nl >= 0) {
            line = line.substring(0, nl).strip() + " ...";
        }
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }
}
