package dev.confiture.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.runner.RunnerConfig;

/** A small project on disk: schema files, migrations, and a request to report on it. */
final class ReportFixture {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC);

    final Path project;

    ReportFixture(Path project) {
        this.project = project;
    }

    ReportFixture write(String relative, String content) {
        try {
            Path p = project.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Users and orders, two migrations that make them, a third that drops a column. */
    ReportFixture shop() {
        write("db/schema/10_tables/users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
        write("db/schema/10_tables/orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY,"
                + " user_id bigint NOT NULL REFERENCES users (id), total numeric(10,2));\n");
        write("db/migrations/001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL,"
                + " nickname text);\n");
        write("db/migrations/001_create_users.down.sql", "DROP TABLE users;\n");
        write("db/migrations/002_create_orders.up.sql", "-- orders belong to users\nCREATE TABLE orders (id bigint PRIMARY KEY,"
                + " user_id bigint NOT NULL REFERENCES users (id), total numeric(10,2));\n");
        write("db/migrations/002_create_orders.down.sql", "DROP TABLE orders;\n");
        write("db/migrations/003_drop_nickname.up.sql", "ALTER TABLE users DROP COLUMN nickname;\n"
                + "COMMENT ON TABLE users IS 'People who buy <things>';\n");
        return this;
    }

    ReportRequest request(DatabaseSettings database) {
        return new ReportRequest("local", project, List.of(project.resolve("db/schema")), IncludeScope.within(project),
                RunnerConfig.of(database, project.resolve("db/migrations")), project.resolve("target/confiture"), CLOCK);
    }
}
