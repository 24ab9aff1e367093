package dev.confiture.runner;

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
