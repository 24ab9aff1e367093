package dev.confiture.maven;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.embedded.EmbeddedPostgresServer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts the project's embedded PostgreSQL (or finds it running), prints a psql command line and a JDBC
 * URL for the environment's database, and stays until Ctrl-C, so that a terminal or an IDE can look at
 * the data. An environment whose database is a server of its own gets its connection printed, and the
 * goal returns at once.
 */
@Mojo(name = "db", requiresProject = true, threadSafe = true)
public class DbMojo extends AbstractConfitureMojo {

    /**
     * For scripts: seconds to stay before returning (0: print and return). Default -1: stay until
     * Ctrl-C. The server itself keeps running for confiture.embeddedIdleMinutes afterwards.
     */
    @Parameter(property = "confiture.dbSeconds", defaultValue = "-1")
    private int dbSeconds;

    /** The JSON report: where the database is and how to reach it. */
    public record Report(String database, boolean embedded, Integer port, String psql, String jdbcUrl) {
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        DatabaseSettings db;
        try {
            db = database();
        } catch (ConfitureException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        EmbeddedPostgresServer server = embeddedServer();
        String name = "confiture_" + environment().name();
        List<String> lines = new ArrayList<>();
        if (server == null) {
            lines.add("The " + environment().name() + " environment's database is " + db.describe()
                    + ": not embedded, nothing to keep running.");
            publish(new Report(db.describe(), false, null, null, null), lines);
            return;
        }
        EmbeddedPostgresServer.ConnectionHints hints = server.hints(name);
        lines.add("psql:     " + hints.psql());
        lines.add("JDBC URL: " + hints.jdbcUrl());
        publish(new Report(name, true, server.port(), hints.psql(), hints.jdbcUrl()), lines);
        if (dbSeconds == 0) {
            return;
        }
        getLog().info(dbSeconds < 0 ? "Press Ctrl-C to end." : "Staying " + dbSeconds + " s (confiture.dbSeconds).");
        try {
            Thread.sleep(dbSeconds < 0 ? Long.MAX_VALUE : dbSeconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
