package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.SessionSetting;
import dev.confiture.runner.db.SessionSettings;
import dev.confiture.sql.Placeholders;
import org.junit.jupiter.api.Test;

/** session_settings on the session that runs migrations: applied before anything, refused with PostgreSQL's words. */
class SessionSettingsTest extends WithRunnerFixture {

    private static final Path YAML = Path.of("db/environments/local.yaml");

    private MigrationRunner runner(SessionSetting... settings) {
        return f.runner(f.config().withRunSettings(new RunSettings("local", Placeholders.NONE, List.of(settings), null)));
    }

    private static SessionSetting yaml(String name, String value, int line) {
        return new SessionSetting(name, value, YAML, line, "local.yaml:" + line);
    }

    @Test
    void migrateRollbackAndBaselineRunWithTheSettingsAndTheRole() {
        String role = "confiture_owner_" + UUID.randomUUID().toString().substring(0, 8);
        f.db.execute("CREATE ROLE " + role + " NOLOGIN; GRANT CREATE ON DATABASE \"" + f.db.name() + "\" TO " + role
                + "; GRANT ALL ON SCHEMA public TO " + role);
        try {
            f.write("001_seen.up.sql", "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS lt,"
                    + " current_setting('statement_timeout') AS st, current_user::text AS who, current_setting('search_path') AS sp;");
            f.write("001_seen.down.sql", "CREATE TABLE seen_down AS SELECT current_setting('lock_timeout') AS lt, current_user::text AS who;\n"
                    + "DROP TABLE seen;");
            f.write("002_later.up.sql", "CREATE TABLE later (id int);");
            SessionSetting[] settings = {yaml("lock_timeout", "5s", 3), yaml("statement_timeout", "15min", 4),
                    yaml("role", role, 5), yaml("search_path", "public, pg_catalog", 6)};

            runner(settings).migrate("001", false);
            assertThat(f.query("SELECT lt || ' ' || st || ' ' || who || ' ' || sp FROM seen"))
                    .containsExactly("5s 15min " + role + " public, pg_catalog");
            assertThat(f.query("SELECT tableowner FROM pg_tables WHERE tablename IN ('seen', 'confiture_migrations')"))
                    .containsOnly(role).hasSize(2);

            runner(settings).rollback(1, null, false);
            assertThat(f.query("SELECT lt || ' ' || who FROM seen_down")).containsExactly("5s " + role);

            runner(settings).baseline(null);
            assertThat(f.query("SELECT applied_by FROM confiture_migrations")).containsExactly(role, role);
        } finally {
            f.db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    @Test
    void aValuePostgresqlRefusesFailsBeforeAnythingRunsQuotingPostgresqlAndNamingWhereItWasWritten() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        assertThatThrownBy(() -> runner(yaml("lock_timeout", "5s", 3), yaml("statement_timeout", "fifteen", 4)).migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(SessionSettings.CODE_INVALID);
                    assertThat(e.file()).isEqualTo(YAML);
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("statement_timeout: fifteen (local.yaml:4)",
                            "invalid value for parameter \"statement_timeout\": \"fifteen\"", "Nothing was run");
                });
        assertThat(f.tableExists("a")).isFalse();
        assertThat(f.tableExists("confiture_migrations")).isFalse();
    }

    @Test
    void anUnknownSettingAndABadNameAreRefused() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        assertThatThrownBy(() -> runner(SessionSetting.fromProperty("lock_timout", "5s")).migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.getMessage())
                        .contains("(-Dconfiture.sessionSettings)", "unrecognized configuration parameter \"lock_timout\""));
        assertThatThrownBy(() -> runner(yaml("lock_timeout; DROP TABLE x", "5s", 2)).migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.getMessage()).contains("is not a setting name");
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThat(f.tableExists("a")).isFalse();
    }

    @Test
    void valuesAreQuotedSoTheyAreDataAndListsBecomeOneLiteralPerElement() {
        assertThat(SessionSettings.statement(yaml("search_path", "app, public", 1))).isEqualTo("SET search_path TO 'app', 'public'");
        assertThat(SessionSettings.statement(yaml("Role", "o'neil", 1))).isEqualTo("SET ROLE 'o''neil'");
        assertThat(SessionSettings.statement(yaml("myapp.tenant", "42", 1))).isEqualTo("SET myapp.tenant TO '42'");
    }
}
