package dev.confiture.testing;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The default on a new machine: a PostgreSQL run by zonky inside the test JVM, stopped at exit. */
final class EmbeddedServer {

    private EmbeddedServer() {
    }

    static TestServer start() {
        try {
            // A throwaway server: durability buys nothing, and the tests create and drop many databases,
            // each of which PostgreSQL would otherwise flush to disk.
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary data directory goes with it
                }
            }, "confiture-test-postgres-stop"));
            return new TestServer("embedded", "localhost", pg.getPort(), "postgres", null, "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("Could not start an embedded PostgreSQL for the tests (set "
                    + TestPostgres.URL_VARIABLE + " to use an existing server): " + e.getMessage(), e);
        }
    }
}
