package dev.confiture.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetConfigTest {

    @TempDir
    Path project;

    private Environment load(String yaml, Map<String, String> vars) throws IOException {
        Path f = project.resolve("db/environments/prod.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return EnvironmentLoader.load(project, "prod", null, vars);
    }

    private ConfitureException failure(String yaml) throws IOException {
        try {
            load(yaml, Map.of());
        } catch (ConfitureException e) {
            return e;
        }
        throw new AssertionError("expected a ConfitureException");
    }

    @Test
    void withoutFleetTheEnvironmentHasNone() throws IOException {
        assertThat(load("database_url: jdbc:postgresql://h/app\n", Map.of()).fleet()).isNull();
    }

    @Test
    void databasesByMapAndUrlWithVariablesAndCredentialsKeptApart() throws IOException {
        Environment env = load("""
                database_url: jdbc:postgresql://h/app?user=app&password=topsecret
                fleet:
                  databases:
                    - { name: eu, host: db-eu, database: app_eu }
                    - { name: us, url: "jdbc:postgresql://${US_HOST}:5433/app?user=u&password=${US_PW}" }
                  tenants:
                    list: [tenant_a, tenant_b]
                """, Map.of("US_HOST", "db-us", "US_PW", "s3cret"));
        Fleet fleet = env.fleet();
        assertThat(fleet.databases()).extracting(Fleet.FleetDatabase::name).containsExactly("eu", "us");
        Fleet.FleetDatabase eu = fleet.databases().get(0);
        assertThat(eu.settings().jdbcUrl()).isEqualTo("jdbc:postgresql://db-eu:5432/app_eu");
        // the environment's own credentials fill in what an entry lacks
        assertThat(eu.settings().user()).isEqualTo("app");
        assertThat(eu.settings().password()).isEqualTo("topsecret");
        assertThat(eu.line()).isEqualTo(4);
        Fleet.FleetDatabase us = fleet.databases().get(1);
        assertThat(us.settings().user()).isEqualTo("u");
        assertThat(us.settings().password()).isEqualTo("s3cret");
        assertThat(us.settings().describe()).contains("db-us:5433/app").doesNotContain("s3cret");
        assertThat(fleet.tenants().list()).containsExactly("tenant_a", "tenant_b");
        assertThat(fleet.tenants().query()).isNull();
    }

    @Test
    void tenantsByQuery() throws IOException {
        Environment env = load("""
                fleet:
                  databases: [ { name: eu, database: app_eu } ]
                  tenants:
                    query: "select nspname from pg_namespace where nspname like 'tenant\\\\_%' order by 1"
                """, Map.of());
        assertThat(env.fleet().tenants().query()).isEqualTo("select nspname from pg_namespace where nspname like 'tenant\\_%' order by 1");
    }

    @Test
    void aDatabaseWithoutNameIsAnErrorAtItsLine() throws IOException {
        ConfitureException e = failure("fleet:\n  databases:\n    - { name: eu, database: a }\n    - { database: b }\n");
        assertThat(e.code()).isEqualTo("CONFIG_MISSING_VALUE");
        assertThat(e.getMessage()).contains("name:");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void aNameUsedTwiceIsAnError() throws IOException {
        ConfitureException e = failure("fleet:\n  databases:\n    - { name: eu, database: a }\n    - { name: eu, database: b }\n");
        assertThat(e.code()).isEqualTo("CONFIG_DUPLICATE_KEY");
        assertThat(e.getMessage()).contains("first at line 3");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void anUnknownEntrySettingIsAnError() throws IOException {
        ConfitureException e = failure("fleet:\n  databases:\n    - { name: eu, databse: a }\n");
        assertThat(e.code()).isEqualTo("CONFIG_UNKNOWN_KEY");
        assertThat(e.getMessage()).contains("fleet.databases.databse");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void urlAndDatabaseTogetherAreAConflict() throws IOException {
        ConfitureException e = failure("fleet:\n  databases:\n    - { name: eu, url: 'jdbc:postgresql://h/a', database: a }\n");
        assertThat(e.code()).isEqualTo("CONFIG_CONFLICT");
    }

    @Test
    void noDatabasesIsAnError() throws IOException {
        assertThat(failure("fleet:\n  tenants: { list: [a] }\n").code()).isEqualTo("CONFIG_MISSING_VALUE");
        assertThat(failure("fleet:\n  databases: []\n").code()).isEqualTo("CONFIG_MISSING_VALUE");
    }

    @Test
    void tenantsNeedExactlyOneOfQueryAndList() throws IOException {
        assertThat(failure("fleet:\n  databases: [ { name: eu, database: a } ]\n  tenants: { query: 'select 1', list: [a] }\n").code())
                .isEqualTo("CONFIG_CONFLICT");
        assertThat(failure("fleet:\n  databases: [ { name: eu, database: a } ]\n  tenants: {}\n").code())
                .isEqualTo("CONFIG_CONFLICT");
    }

    @Test
    void aTenantThatIsNoSchemaNameIsAnErrorAtItsLine() throws IOException {
        ConfitureException e = failure("fleet:\n  databases: [ { name: eu, database: a } ]\n  tenants:\n    list:\n      - ok_one\n"
                + "      - \"bad; drop\"\n");
        assertThat(e.code()).isEqualTo("CONFIG_INVALID_VALUE");
        assertThat(e.line()).isEqualTo(6);
    }
}
