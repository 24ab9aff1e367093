package dev.confiture.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.SqlStatement;

/**
 * The psql script a dry run writes ({@code confiture.dryRunOutput}; docs/migrations.md, "A script for
 * the DBA"): what {@code migrate} or {@code rollback} would send, in the same order and transactions,
 * so that {@code psql -v ON_ERROR_STOP=1 -f} does the same to the database, tracking rows included.
 * The runner builds it from the very statements it would run; this class only writes them down.
 */
final class DryRunScript {

    public static final String CODE_JAVA = "DRY_RUN_JAVA_MIGRATION";

    private final StringBuilder text = new StringBuilder();

    DryRunScript(String goal, String database, int count) {
        text.append("-- confiture:").append(goal).append(" as a psql script, written by a dry run against ").append(database)
                .append("\n-- (").append(count).append(" migration(s)). Run it with:\n")
                .append("--   psql -v ON_ERROR_STOP=1 -f <this file> <the same database>\n")
                .append("-- Each migration runs in its own transaction with its tracking row, as confiture:").append(goal)
                .append(" runs it;\n-- if the database changed since this was written, a tracking row conflicts and psql stops.\n")
                .append("\\set ON_ERROR_STOP on\n");
    }

    void comment(String line) {
        text.append("\n-- ").append(line.replace("\n", "\n-- ")).append('\n');
    }

    void sql(String statement) {
        text.append(statement).append(";\n");
    }

    void sql(List<String> statements) {
        statements.forEach(this::sql);
    }

    /** Statements cut from a file; {@code COPY ... FROM stdin} gets its data lines and the {@code \.} that ends them. */
    void statements(List<SqlStatement> statements) {
        for (SqlStatement s : statements) {
            sql(s.sql());
            if (s.hasCopyData()) {
                text.append(s.copyData());
                if (!s.copyData().isEmpty() && !s.copyData().endsWith("\n")) {
                    text.append('\n');
                }
                text.append("\\.\n");
            }
        }
    }

    void begin() {
        sql("BEGIN");
    }

    void commit() {
        sql("COMMIT");
    }

    /** Writes the script, creating the folders it goes in. */
    void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the dry-run script " + file, e);
        }
    }

    static ConfitureException javaMigration(String displayName, String className) {
        return new ConfitureException(CODE_JAVA, "Migration " + displayName + " is a Java migration (" + className
                + "): a psql script cannot run it, so no script was written. Apply it with confiture:migrate"
                + " (-Dconfiture.target=<the version before it> writes a script for the SQL migrations before it).");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
