package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.report.RunnerText;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/** A fresh database and a migrations folder for one test, with helpers to look at the outcome. */
final class RunnerFixture implements AutoCloseable {

    final TestDatabase db = TestPostgres.newDatabase("runner");
    final Path dir;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    RunnerFixture(Path dir) {
        this.dir = dir;
    }

    DatabaseSettings settings() {
        return new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());
    }

    RunnerConfig config() {
        return RunnerConfig.of(settings(), dir);
    }

    MigrationRunner runner() {
        return new MigrationRunner(config(), RunnerText.lines(log::add));
    }

    MigrationRunner runner(RunnerConfig config) {
        return new MigrationRunner(config, RunnerText.lines(log::add));
    }

    Path write(String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first column of every row of a query, as strings. */
    List<String> query(String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes two versioned migrations with their downs, as several tests start from: 001_users
     * ({@code users (id, email)}) and 002_bio (adds {@code users.bio}).
     */
    void writeUsersAndBio() {
        write("001_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);\n");
        write("001_users.down.sql", "DROP TABLE users CASCADE;\n");
        write("002_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
        write("002_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;\n");
    }

    /**
     * Waits (60 s at most, else fails) until a line of {@code log}, which a migration running in another
     * thread fills, contains {@code fragment}; returns the first such line.
     */
    static String awaitLine(List<String> log, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            synchronized (log) {
                for (String line : log) {
                    if (line.contains(fragment)) {
                        return line;
                    }
                }
            }
            assertThat(System.nanoTime()).as("a line containing '" + fragment + "' within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * Waits (30 s at most, else fails) until no Confiture session is connected to the database: a
     * closed session's backend may take a moment to exit.
     */
    void awaitNoConfitureSession() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name LIKE 'confiture%'").equals(List.of("0"))) {
            assertThat(System.nanoTime()).as("no confiture session is left on the database").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    List<String> appliedVersions() {
        return query("SELECT version FROM confiture_migrations ORDER BY version::numeric");
    }

    boolean tableExists(String name) {
        return !query("SELECT 1 FROM pg_class WHERE relname = '" + name + "' AND relkind IN ('r','p')").isEmpty();
    }

    @Override
    public void close() {
        db.close();
    }
}
