package dev.confiture.runner.verify;

/**
 * A table the data round trip of {@link SchemaVerifier} could put no row into, so no down was
 * checked for losing its data: a note, not a failure. {@code table} is schema-qualified
 * ({@code public.users}); {@code reason} is PostgreSQL's answer to the last insert tried.
 */
public record UncheckedTable(String table, String reason) {
}
