package dev.confiture.sql;

/**
 * A psql meta-command met by {@link SqlSplitter} outside quotes and comments ({@code \connect},
 * {@code \i}, {@code \set}, pg_dump's {@code \restrict} ...): not SQL, so it never reaches the
 * database. {@code command} is the backslash and the command name only; its arguments are left out,
 * because they may hold a password ({@code \connect "dbname=x password=..."}). {@code line} is 1-based.
 */
public record MetaCommand(String command, int line) {
}
