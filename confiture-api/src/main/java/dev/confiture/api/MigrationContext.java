package dev.confiture.api;

import java.sql.Connection;

/** What a Java migration gets to work with: the connection of its transaction. */
public interface MigrationContext {

    /** Runs one SQL statement (no parameters) on the migration's connection. */
    void execute(String sql);

    /**
     * The connection of the migration's transaction, for prepared statements and batches. Do not
     * commit, roll back or close it: the runner does, together with the tracking row.
     */
    Connection connection();
}
