package dev.confiture.model.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files {@code confiture:init} lays out (docs/quickstart.md). Existing files are never touched. */
public final class ProjectLayout {

    /**
     * What init did: files and folders it created, those it found and left alone, and the examples it
     * did not write because the project already has schema files.
     */
    public record Result(List<Path> created, List<Path> kept, List<Path> skipped) {
        public Map<String, Object> toReport(Path base) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("created", created.stream().map(p -> base.relativize(p).toString()).toList());
            r.put("kept", kept.stream().map(p -> base.relativize(p).toString()).toList());
            r.put("skipped", skipped.stream().map(p -> base.relativize(p).toString()).toList());
            return r;
        }
    }

    /**
     * The example schema: written into a new project only. Once {@code db/schema} holds a {@code .sql}
     * file, an example the user deleted stays deleted when init runs again.
     */
    private static final List<String> EXAMPLES = List.of("db/schema/00_common", "db/schema/10_tables",
            "db/schema/00_common/extensions.sql", "db/schema/10_tables/example.sql");

    private static final List<String> DIRECTORIES = List.of(
            "db/schema/00_common", "db/schema/10_tables", "db/seeds/common", "db/seeds/development",
            "db/seeds/test", "db/migrations", "db/environments", ".mvn");

    /**
     * Maven 3.8's console library (jansi 2) writes colour resets to standard output even with
     * {@code -q -B} and a redirect, so {@code mvn -q confiture:status -Dconfiture.format=json > s.json}
     * would not be valid JSON. This JVM option, read from the project's {@code .mvn/jvm.config},
     * turns them off; Maven 3.9 does not need it but is not harmed.
     */
    public static final String JANSI_NO_RESET = "-Djansi.noreset=true";

    private ProjectLayout() {
    }

    public static Result write(Path base) throws IOException {
        List<Path> created = new ArrayList<>();
        List<Path> kept = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        boolean hasSchema = hasSqlFiles(base.resolve("db/schema"));
        for (String dir : DIRECTORIES) {
            Path d = base.resolve(dir);
            if (Files.isDirectory(d) || hasSchema && EXAMPLES.contains(dir)) {
                continue;
            }
            Files.createDirectories(d);
            created.add(d);
        }
        for (Map.Entry<String, String> file : files().entrySet()) {
            Path f = base.resolve(file.getKey());
            if (Files.exists(f)) {
                kept.add(f);
            } else if (hasSchema && EXAMPLES.contains(file.getKey())) {
                skipped.add(f);
            } else {
                Files.writeString(f, file.getValue(), StandardCharsets.UTF_8);
                created.add(f);
            }
        }
        return new Result(List.copyOf(created), List.copyOf(kept), List.copyOf(skipped));
    }

    private static boolean hasSqlFiles(Path schema) throws IOException {
        if (!Files.isDirectory(schema)) {
            return false;
        }
        try (var files = Files.walk(schema)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".sql"));
        }
    }

    /** False when the project has its own {@code .mvn/jvm.config} without {@link #JANSI_NO_RESET}. */
    public static boolean keepsJsonOutputClean(Path base) throws IOException {
        Path config = base.resolve(".mvn/jvm.config");
        return !Files.exists(config) || Files.readString(config, StandardCharsets.UTF_8).contains("jansi.noreset");
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".mvn/jvm.config", JANSI_NO_RESET + "\n");
        files.put("db/schema/00_common/extensions.sql", """
                -- Extensions the schema needs, loaded first (files are read in path order, 00_ before 10_).
                -- CREATE EXTENSION IF NOT EXISTS pgcrypto;
                """);
        files.put("db/schema/10_tables/example.sql", """
                -- An example table: edit or replace it. The files under db/schema are the source of truth.
                CREATE TABLE example (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
                );
                """);
        files.put("db/environments/local.yaml", """
                name: local
                # Schema and seed data, relative to this file.
                includes:
                  - ../schema
                  - ../seeds/common
                  - ../seeds/development
                # A PostgreSQL run by the plugin itself, data under target/confiture/.
                # Replace with host/port/database/user/password (or database_url) for your own server.
                database:
                  embedded: true
                """);
        files.put("db/environments/test.yaml", """
                name: test
                includes:
                  - ../schema
                  - ../seeds/common
                  - ../seeds/test
                database:
                  host: ${DB_HOST:-localhost}
                  port: ${DB_PORT:-5432}
                  database: ${DB_NAME:-myapp_test}
                  user: ${DB_USER:-postgres}
                  password: ${DB_PASSWORD:-}
                """);
        files.put("db/environments/production.yaml", """
                name: production
                # Only schema, no seed data.
                includes:
                  - ../schema
                database:
                  host: ${DB_HOST}
                  port: ${DB_PORT:-5432}
                  database: ${DB_NAME}
                  user: ${DB_USER}
                  password: ${DB_PASSWORD}
                protected: true
                # Set on every session that runs migrations (docs/configuration.md, "Session settings").
                # A migration that waits longer than lock_timeout for a lock fails (and can be run again)
                # instead of queueing every query on that table behind it.
                # session_settings:
                #   lock_timeout: 5s
                #   statement_timeout: 15min
                """);
        return files;
    }
}
