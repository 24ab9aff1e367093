package dev.confiture.model.config;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.project.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentLoaderTest {

    @TempDir
    Path project;

    private Path env(String name, String yaml) throws IOException {
        Path f = project.resolve("db/environments/" + name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    private Environment load(String env, Map<String, String> vars) {
        return EnvironmentLoader.load(project, env, null, vars);
    }

    private ConfitureException failure(String env, Map<String, String> vars) {
        try {
            load(env, vars);
        } catch (ConfitureException e) {
            return e;
        }
        throw new AssertionError("expected a ConfitureException");
    }

    // ---- the files confiture:init writes

    @Test
    void theInitLayoutLoads() throws IOException {
        ProjectLayout.write(project);

        Environment local = load("local", Map.of());
        assertThat(local.name()).isEqualTo("local");
        assertThat(local.embedded()).isTrue();
        assertThat(local.database()).isNull();
        assertThat(local.configFile()).isEqualTo(project.resolve("db/environments/local.yaml"));
        assertThat(local.includes()).containsExactly(
                project.resolve("db/schema"), project.resolve("db/seeds/common"), project.resolve("db/seeds/development"));
        assertThat(local.schemaIncludes()).containsExactly(project.resolve("db/schema"));
        assertThat(local.seedIncludes()).containsExactly(project.resolve("db/seeds/common"), project.resolve("db/seeds/development"));
        assertThat(local.migrationsDir()).isEqualTo(project.resolve("db/migrations"));
        assertThat(local.trackingTable()).isEqualTo("confiture_migrations");
        assertThat(local.protectedEnv()).isFalse();

        Environment test = load("test", Map.of());
        assertThat(test.database()).isEqualTo(new DatabaseSettings("jdbc:postgresql://localhost:5432/myapp_test", "postgres", null));

        Environment production = load("production", Map.of("DB_HOST", "prod.db", "DB_NAME", "app", "DB_USER", "deploy", "DB_PASSWORD", "pw"));
        assertThat(production.protectedEnv()).isTrue();
        assertThat(production.seedIncludes()).isEmpty();
        assertThat(production.database()).isEqualTo(new DatabaseSettings("jdbc:postgresql://prod.db:5432/app", "deploy", "pw"));

        ConfitureException e = failure("production", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_UNSET_VARIABLE");
        assertThat(e.getMessage()).contains("DB_HOST").contains("production.yaml:6:");
    }

    // ---- includes

    @Test
    void includesAreRelativeToTheFileAndIncludeDirsToTheProjectIncludesFirst() throws IOException {
        env("dev.yaml", """
                includes:
                  - ../schema
                  - ../seeds/common/01_users.sql
                include_dirs:
                  - db/seeds/development
                  - extra/views
                  - db/schema
                database: { embedded: true }
                """);
        Environment e = load("dev", Map.of());
        assertThat(e.includes()).containsExactly(
                project.resolve("db/schema"),
                project.resolve("db/seeds/common/01_users.sql"),
                project.resolve("db/seeds/development"),
                project.resolve("extra/views"));
        assertThat(e.schemaIncludes()).containsExactly(project.resolve("db/schema"), project.resolve("extra/views"));
        assertThat(e.seedIncludes()).containsExactly(project.resolve("db/seeds/common/01_users.sql"), project.resolve("db/seeds/development"));
        assertThat(e.includes()).allMatch(Path::isAbsolute);
    }

    @Test
    void anExplicitFileElsewhereResolvesIncludesFromItsOwnFolder() throws IOException {
        Path file = project.resolve("config/ci.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                name: ci
                includes: [../db/schema]
                include_dirs: [db/seeds/test]
                database_url: postgresql://ci@localhost/ci_db
                """);
        Environment e = EnvironmentLoader.load(project, "local", Path.of("config/ci.yml"), Map.of());
        assertThat(e.name()).isEqualTo("ci");
        assertThat(e.configFile()).isEqualTo(file);
        assertThat(e.schemaIncludes()).containsExactly(project.resolve("db/schema"));
        assertThat(e.seedIncludes()).containsExactly(project.resolve("db/seeds/test"));
    }

    @Test
    void anExplicitFileWithoutNameIsNamedByTheRequestedEnvironmentElseItsFileName() throws IOException {
        Path file = project.resolve("other.yaml");
        Files.writeString(file, "database: { embedded: true }\n");
        assertThat(EnvironmentLoader.load(project, "staging", file, Map.of()).name()).isEqualTo("staging");
        assertThat(EnvironmentLoader.load(project, null, file, Map.of()).name()).isEqualTo("other");
    }

    @Test
    void aNameInsideTheFileDoesNotRenameAnEnvironmentChosenByName() throws IOException {
        env("test.yaml", "name: local\ndatabase: { embedded: true }\n");
        assertThat(load("test", Map.of()).name()).isEqualTo("test");
    }

    @Test
    void aMissingExplicitFileIsAnError() {
        assertThatThrownBy(() -> EnvironmentLoader.load(project, "local", Path.of("nope.yaml"), Map.of()))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONFIG_NOT_FOUND");
                    assertThat(e.getMessage()).contains("nope.yaml").contains("confiture.configFile");
                });
    }

    // ---- finding the file

    @Test
    void ymlExtensionIsAccepted() throws IOException {
        env("qa.yml", "database: { embedded: true }\n");
        assertThat(load("qa", Map.of()).configFile().getFileName().toString()).isEqualTo("qa.yml");
    }

    @Test
    void yamlAndYmlForOneEnvironmentIsAmbiguous() throws IOException {
        env("qa.yml", "database: { embedded: true }\n");
        env("qa.yaml", "database: { embedded: true }\n");
        assertThat(failure("qa", Map.of()).code()).isEqualTo("CONFIG_AMBIGUOUS");
    }

    @Test
    void anUnknownEnvironmentListsTheKnownOnes() throws IOException {
        ProjectLayout.write(project);
        env("qa.yml", "database: { embedded: true }\n");
        ConfitureException e = failure("stagin", Map.of());
        assertThat(e.code()).isEqualTo("ENV_UNKNOWN");
        assertThat(e.getMessage()).contains("'stagin'").contains("Known environments: local, production, qa, test");
        assertThat(EnvironmentLoader.knownEnvironments(project)).containsExactly("local", "production", "qa", "test");
    }

    @Test
    void anUnknownEnvironmentWithoutAnyEnvironmentFolderSuggestsInit() {
        ConfitureException e = failure("local", Map.of());
        assertThat(e.code()).isEqualTo("ENV_UNKNOWN");
        assertThat(e.getMessage()).contains("confiture:init");
    }

    @Test
    void anEnvironmentNameCannotWalkOutOfTheFolder() throws IOException {
        Files.writeString(project.resolve("secret.yaml"), "database: { embedded: true }\n");
        assertThat(failure("../../secret", Map.of()).code()).isEqualTo("ENV_UNKNOWN");
    }

    // ---- database settings

    @Test
    void databaseMapDefaultsAndTypes() throws IOException {
        env("a.yaml", """
                database:
                  database: my app
                  user: ""
                """);
        Environment e = load("a", Map.of());
        assertThat(e.database()).isEqualTo(new DatabaseSettings("jdbc:postgresql://localhost:5432/my%20app", null, null));
        assertThat(e.embedded()).isFalse();

        env("b.yaml", """
                database:
                  host: ::1
                  port: ${PGPORT:-6543}
                  database: app
                  user: alice
                  password: ${PGPASSWORD}
                """);
        assertThat(load("b", Map.of("PGPASSWORD", "pw")).database())
                .isEqualTo(new DatabaseSettings("jdbc:postgresql://[::1]:6543/app", "alice", "pw"));
    }

    @Test
    void valuesAreTakenAsWrittenNotAsYamlTypes() throws IOException {
        // Built as objects, 0123 would be the octal number 83, "yes" a boolean and 1e3 a float.
        env("t.yaml", "database:\n  database: 1e3\n  user: yes\n  password: 0123\n");
        assertThat(load("t", Map.of()).database()).isEqualTo(new DatabaseSettings("jdbc:postgresql://localhost:5432/1e3", "yes", "0123"));
    }

    @Test
    void databaseUrlForms() throws IOException {
        env("u.yaml", "database_url: postgresql://bob:p%40ss@db:5433/app?sslmode=require\n");
        assertThat(load("u", Map.of()).database())
                .isEqualTo(new DatabaseSettings("jdbc:postgresql://db:5433/app?sslmode=require", "bob", "p@ss"));
        env("j.yaml", "database_url: jdbc:postgresql://db/app?user=carol&password=x\n");
        assertThat(load("j", Map.of()).database()).isEqualTo(new DatabaseSettings("jdbc:postgresql://db/app", "carol", "x"));
        env("v.yaml", "database_url: ${DATABASE_URL}\n");
        assertThat(load("v", Map.of("DATABASE_URL", "postgres://h/d")).database().jdbcUrl()).isEqualTo("jdbc:postgresql://h/d");
    }

    @Test
    void aBadDatabaseUrlNamesTheLineButNotThePassword() throws IOException {
        env("u.yaml", "name: u\n\ndatabase_url: mysql://root:TopSecret42@h/db\n");
        ConfitureException e = failure("u", Map.of());
        assertThat(e.code()).isEqualTo("DATABASE_URL_INVALID");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("u.yaml:3:").doesNotContain("TopSecret42");
    }

    @Test
    void anEmptyDatabaseUrlCountsAsAbsent() throws IOException {
        env("u.yaml", "database_url: ${DATABASE_URL:-}\n");
        Environment e = load("u", Map.of());
        assertThat(e.database()).isNull();
        assertThat(e.embedded()).isFalse();
    }

    @Test
    void bothDatabaseAndDatabaseUrlIsAConflict() throws IOException {
        env("c.yaml", "database:\n  database: app\ndatabase_url: postgresql://h/app\n");
        ConfitureException e = failure("c", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_CONFLICT");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void neitherDatabaseNorUrlLeavesNoDatabase() throws IOException {
        env("n.yaml", "includes: [../schema]\n");
        Environment e = load("n", Map.of());
        assertThat(e.database()).isNull();
        assertThat(e.embedded()).isFalse();
    }

    @Test
    void embeddedCanBeSwitchedByAVariableAndIgnoresTheConnectionSettingsWhileOn() throws IOException {
        env("s.yaml", """
                database:
                  embedded: ${USE_EMBEDDED:-true}
                  host: ${DB_HOST:-localhost}
                  database: app
                """);
        Environment on = load("s", Map.of());
        assertThat(on.embedded()).isTrue();
        assertThat(on.database()).isNull();
        Environment off = load("s", Map.of("USE_EMBEDDED", "false", "DB_HOST", "ci-db"));
        assertThat(off.embedded()).isFalse();
        assertThat(off.database().jdbcUrl()).isEqualTo("jdbc:postgresql://ci-db:5432/app");
    }

    @Test
    void aDatabaseMapWithoutADatabaseNameIsAnError() throws IOException {
        env("m.yaml", "name: m\ndatabase:\n  host: h\n");
        ConfitureException e = failure("m", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_MISSING_VALUE");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void databaseAsAStringPointsToDatabaseUrl() throws IOException {
        env("m.yaml", "database: postgresql://h/db\n");
        ConfitureException e = failure("m", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_INVALID_VALUE");
        assertThat(e.getMessage()).contains("database_url");
    }

    // ---- other settings

    @Test
    void postgresVersionIsAMajorOrAFullVersionAndUnsetByDefault() throws IOException {
        env("a.yaml", "database: { embedded: true }\npostgres_version: 15\n");
        env("b.yaml", "database: { embedded: true }\npostgres_version: \"15.13.0\"\n");
        env("c.yaml", "database: { embedded: true }\n");
        assertThat(load("a", Map.of()).postgresVersion()).isEqualTo(new PostgresVersion(15, null));
        assertThat(load("b", Map.of()).postgresVersion()).isEqualTo(new PostgresVersion(15, "15.13.0"));
        assertThat(load("c", Map.of()).postgresVersion()).isNull();
    }

    @Test
    void aBadPostgresVersionNamesTheFileTheLineAndTheRange() throws IOException {
        for (String bad : List.of("11", "19", "abc", "15.13")) {
            Path file = env("v.yaml", "database:\n  embedded: true\npostgres_version: " + bad + "\n");
            ConfitureException e = failure("v", Map.of());
            assertThat(e.code()).as(bad).isEqualTo("CONFIG_INVALID_VALUE");
            assertThat(e.file()).as(bad).isEqualTo(file);
            assertThat(e.line()).as(bad).isEqualTo(3);
            assertThat(e.getMessage()).as(bad).contains("postgres_version: ").contains("from 12 to 18");
        }
    }

    @Test
    void allowExternalIncludesIsOffUnlessTheEnvironmentSaysSo() throws IOException {
        env("strict.yaml", "database: { embedded: true }\n");
        env("open.yaml", "database: { embedded: true }\nallow_external_includes: true\n");
        Environment strict = load("strict", Map.of());
        assertThat(strict.allowExternalIncludes()).isFalse();
        assertThat(strict.includeScope().allowOutside()).isFalse();
        assertThat(strict.includeScope().project()).isEqualTo(project.toAbsolutePath().normalize());
        assertThat(load("open", Map.of()).includeScope().allowOutside()).isTrue();
    }

    @Test
    void migrationsDirTrackingTableAndProtected() throws IOException {
        env("p.yaml", """
                database: { embedded: true }
                migrations_dir: sql/migrations
                tracking_table: Ops.Schema_History
                protected: ${PROTECT:-yes}
                """);
        Environment e = load("p", Map.of());
        assertThat(e.migrationsDir()).isEqualTo(project.resolve("sql/migrations"));
        assertThat(e.trackingTable()).isEqualTo("ops.schema_history");
        assertThat(e.trackingTableSchema()).isEqualTo("ops");
        assertThat(e.trackingTableName()).isEqualTo("schema_history");
        assertThat(e.protectedEnv()).isTrue();
        assertThat(load("p", Map.of("PROTECT", "false")).protectedEnv()).isFalse();
    }

    @Test
    void anUnqualifiedTrackingTableHasNoSchema() throws IOException {
        env("p.yaml", "database: { embedded: true }\n");
        assertThat(load("p", Map.of()).trackingTableSchema()).isNull();
        assertThat(load("p", Map.of()).trackingTableName()).isEqualTo("confiture_migrations");
    }

    @Test
    void wrongTypesAreClearErrorsWithTheirLine() throws IOException {
        assertInvalid("includes: ../schema\n", 1, "must be a list");
        assertInvalid("name: x\nincludes:\n  - ../schema\n  - [nested]\n", 4, "must be a path");
        assertInvalid("name: x\ndatabase:\n  database: app\n  port: fifty\n", 4, "1 to 65535");
        assertInvalid("database:\n  database: app\n  port: 70000\n", 3, "1 to 65535");
        assertInvalid("protected: maybe\n", 1, "true or false");
        assertInvalid("\n\ntracking_table: \"my table\"\n", 3, "tracking_table");
        assertInvalid("tracking_table: a.b.c\n", 1, "tracking_table");
        assertInvalid("name: [a, b]\n", 1, "single value");
    }

    private void assertInvalid(String yaml, int line, String fragment) throws IOException {
        env("w.yaml", yaml);
        ConfitureException e = failure("w", Map.of());
        assertThat(e.code()).as(yaml).isEqualTo("CONFIG_INVALID_VALUE");
        assertThat(e.line()).as(yaml).isEqualTo(line);
        assertThat(e.getMessage()).as(yaml).contains(fragment).contains("w.yaml:" + line + ":");
    }

    @Test
    void unknownSettingsAreErrorsListingTheKnownOnes() throws IOException {
        env("k.yaml", "name: k\ninclude-dirs: [db/schema]\n");
        ConfitureException e = failure("k", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_UNKNOWN_KEY");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("'include-dirs'").contains("Did you mean 'include_dirs'?")
                .contains("Known settings: name, includes, include_dirs, database, database_url, migrations_dir, tracking_table, protected");

        env("k.yaml", "database:\n  database: app\n  sslmode: require\n");
        e = failure("k", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_UNKNOWN_KEY");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("'database.sslmode'").contains("host, port, database, user, password, embedded");
    }

    @Test
    void duplicateSettingsAreErrors() throws IOException {
        env("d.yaml", "protected: false\nname: d\nprotected: true\n");
        ConfitureException e = failure("d", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_DUPLICATE_KEY");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("first at line 1");
    }

    // ---- variables

    @Test
    void variablesAreSubstitutedInEveryStringValue() throws IOException {
        env("v.yaml", """
                name: ${ENV_NAME:-dev}
                includes:
                  - ../${SCHEMA_DIR}
                include_dirs: ["db/seeds/${SEEDS:-common}"]
                database:
                  host: ${DB_HOST:-${FALLBACK_HOST:-localhost}}
                  database: app_${SUFFIX:-x}
                  password: pa$$word-$${LITERAL}
                migrations_dir: ${MIGRATIONS:-db/migrations}
                """);
        Environment e = EnvironmentLoader.load(project, null, project.resolve("db/environments/v.yaml"),
                Map.of("SCHEMA_DIR", "schema", "FALLBACK_HOST", "fb", "SUFFIX", "", "MIGRATIONS", "db/mig"));
        assertThat(e.name()).isEqualTo("dev");
        assertThat(e.includes()).containsExactly(project.resolve("db/schema"), project.resolve("db/seeds/common"));
        // ${SUFFIX:-x} takes the default for an empty variable, as a shell does.
        assertThat(e.database()).isEqualTo(new DatabaseSettings("jdbc:postgresql://fb:5432/app_x", null, "pa$$word-${LITERAL}"));
        assertThat(e.migrationsDir()).isEqualTo(project.resolve("db/mig"));
    }

    @Test
    void anUnsetVariableNamesItselfTheFileAndTheLine() throws IOException {
        env("v.yaml", """
                name: v
                database:
                  host: localhost
                  database: app
                  password: ${DB_PASSWORD}
                """);
        ConfitureException e = failure("v", Map.of("DB_PASSWORD_X", "no"));
        assertThat(e.code()).isEqualTo("CONFIG_UNSET_VARIABLE");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.file()).isEqualTo(project.resolve("db/environments/v.yaml"));
        assertThat(e.getMessage()).contains("DB_PASSWORD").contains("v.yaml:5:").contains("${DB_PASSWORD:-value}");
        // typed, so that validate (which needs no database) tells a database setting without reading the message
        assertThat(e).isInstanceOfSatisfying(UnsetVariableException.class, u -> {
            assertThat(u.variable()).isEqualTo("DB_PASSWORD");
            assertThat(u.setting()).isEqualTo("password");
            assertThat(u.inDatabaseSetting()).isTrue();
        });
    }

    @Test
    void anUnsetVariableInAListEntryNamesTheEntrysLine() throws IOException {
        env("v.yaml", "includes:\n  - ../schema\n  - ${EXTRA}\n");
        ConfitureException e = failure("v", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_UNSET_VARIABLE");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("EXTRA");
        assertThat(e).isInstanceOfSatisfying(UnsetVariableException.class, u -> {
            assertThat(u.setting()).isEqualTo("includes");
            assertThat(u.inDatabaseSetting()).isFalse();
        });
    }

    @Test
    void badVariableSyntax() throws IOException {
        env("v.yaml", "name: ${OPEN\n");
        assertThat(failure("v", Map.of()).code()).isEqualTo("CONFIG_BAD_VARIABLE");
        env("v.yaml", "name: ${1BAD}\n");
        assertThat(failure("v", Map.of()).code()).isEqualTo("CONFIG_BAD_VARIABLE");
        env("v.yaml", "name: ${}\n");
        assertThat(failure("v", Map.of()).code()).isEqualTo("CONFIG_BAD_VARIABLE");
    }

    // ---- malformed files

    @Test
    void malformedYamlNamesTheFileAndLine() throws IOException {
        env("m.yaml", """
                name: m
                includes:
                  - ../schema
                 - ../seeds
                """);
        ConfitureException e = failure("m", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_MALFORMED");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("m.yaml:4:").contains("Malformed YAML");
    }

    @Test
    void malformedYamlNeverQuotesTheLineItFailsOn() throws IOException {
        env("m.yaml", "name: m\ndatabase:\n  database: app\n  password: \"Sup3rSecret\n");
        ConfitureException e = failure("m", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_MALFORMED");
        assertThat(e.line()).isGreaterThanOrEqualTo(4);
        assertThat(e.getMessage()).doesNotContain("Sup3rSecret");

        env("m.yaml", "database:\n  password: Sup3r: Secret\n");
        e = failure("m", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_MALFORMED");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).doesNotContain("Sup3r");
    }

    @Test
    void tabsAreReportedWithTheirLine() throws IOException {
        env("t.yaml", "name: t\ndatabase:\n\thost: x\n");
        ConfitureException e = failure("t", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_MALFORMED");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void emptyListAndScalarFilesAreMalformed() throws IOException {
        env("e.yaml", "# nothing here\n");
        assertThat(failure("e", Map.of()).code()).isEqualTo("CONFIG_MALFORMED");
        env("e.yaml", "- a\n- b\n");
        assertThat(failure("e", Map.of()).getMessage()).contains("mapping of settings");
        env("e.yaml", "just text\n");
        assertThat(failure("e", Map.of()).code()).isEqualTo("CONFIG_MALFORMED");
        env("e.yaml", "name: a\n---\nname: b\n");
        assertThat(failure("e", Map.of()).code()).isEqualTo("CONFIG_MALFORMED");
    }

    @Test
    void aByteOrderMarkAndCrlfAreFine() throws IOException {
        env("b.yaml", "\uFEFFname: b\r\nincludes:\r\n  - ../schema\r\ndatabase: { embedded: true }\r\n");
        assertThat(load("b", Map.of()).includes()).containsExactly(project.resolve("db/schema"));
    }

    @Test
    void notUtf8IsMalformed() throws IOException {
        Path f = env("l.yaml", "");
        Files.write(f, new byte[]{'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
        assertThat(failure("l", Map.of()).code()).isEqualTo("CONFIG_MALFORMED");
    }

    @Test
    void aYamlAliasBombIsRefusedAsOne() throws IOException {
        StringBuilder bomb = new StringBuilder("name: bomb\nlol0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append("lol").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            bomb.append("]\n");
        }
        env("bomb.yaml", bomb.toString());
        ConfitureException e = failure("bomb", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_YAML_BOMB");
        assertThat(e.getMessage()).contains("bomb.yaml", "refused", "alias", "bomb");
    }

    @Test
    void fewAliasesThatExpandToAHugeDocumentAreRefusedToo() throws IOException {
        // 30 aliases, under any alias count limit, still doubling to 2^30 values when expanded
        StringBuilder bomb = new StringBuilder("name: bomb\na0: &a0 [x, x]\n");
        for (int i = 1; i <= 30; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        env("double.yaml", bomb.toString());
        assertThat(failure("double", Map.of()).code()).isEqualTo("CONFIG_YAML_BOMB");
    }

    @Test
    void anOversizedEnvironmentFileIsRefusedAsASizeBomb() throws IOException {
        env("big.yaml", "name: big\n# " + "x".repeat(2_000_000) + "\n");
        ConfitureException e = failure("big", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_YAML_BOMB");
        assertThat(e.getMessage()).contains("size");
    }

    @Test
    void aFewAliasesForReuseAreFine() throws IOException {
        env("r.yaml", "name: r\nincludes: &inc\n  - ../schema\ndatabase: { embedded: true }\n");
        assertThat(load("r", Map.of()).includes()).containsExactly(project.resolve("db/schema"));
    }

    @Test
    void notUtf8SaysWhereTheFirstBadByteIs() throws IOException {
        Path f = env("l2.yaml", "");
        Files.write(f, new byte[]{'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
        assertThat(failure("l2", Map.of()).getMessage()).contains("UTF-8", "offset 6", "0xE9");
    }

    @Test
    void knownEnvironmentsIgnoresOtherFiles() throws IOException {
        env("a.yaml", "");
        env("b.yml", "");
        env("README.md", "");
        env(".hidden.yaml", "");
        assertThat(EnvironmentLoader.knownEnvironments(project)).isEqualTo(List.of("a", "b"));
    }

    // ---- clean settings

    @Test
    void cleanIsDisabledUnlessTheFileTurnsItOffAndCleansPublicByDefault() throws IOException {
        env("dev.yaml", "database: { embedded: true }\n");
        Environment dev = load("dev", Map.of());
        assertThat(dev.cleanDisabled()).isTrue();
        assertThat(dev.cleanSchemas()).containsExactly("public");

        env("scratch.yaml", "database: { embedded: true }\ncleanDisabled: false\ntracking_table: ops.migrations\n");
        Environment scratch = load("scratch", Map.of());
        assertThat(scratch.cleanDisabled()).isFalse();
        assertThat(scratch.cleanSchemas()).containsExactly("public", "ops");
    }

    @Test
    void theSchemasToCleanAreTheListedOnesWithoutRepeats() throws IOException {
        env("dev.yaml", "database: { embedded: true }\nschemas:\n  - app\n  - audit\n  - app\n");
        assertThat(load("dev", Map.of()).cleanSchemas()).containsExactly("app", "audit");
    }

    @Test
    void aCleanDisabledThatIsNotABooleanIsAnErrorWithItsLine() throws IOException {
        env("dev.yaml", "database: { embedded: true }\ncleanDisabled: maybe\n");
        ConfitureException e = failure("dev", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_INVALID_VALUE");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("'cleanDisabled' must be true or false");
    }

    @Test
    void onlineIsOffUnlessTheFileSaysTrue() throws IOException {
        env("dev.yaml", "database: { embedded: true }\n");
        assertThat(load("dev", Map.of()).online()).isFalse();
        env("prod.yaml", "database: { embedded: true }\nonline: ${ONLINE:-true}\n");
        assertThat(load("prod", Map.of()).online()).isTrue();
        assertThat(load("prod", Map.of("ONLINE", "false")).online()).isFalse();
    }

    @Test
    void anOnlineThatIsNotABooleanIsAnErrorWithItsLine() throws IOException {
        env("dev.yaml", "database: { embedded: true }\nonline: sometimes\n");
        ConfitureException e = failure("dev", Map.of());
        assertThat(e.code()).isEqualTo("CONFIG_INVALID_VALUE");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("'online' must be true or false");
    }
}
