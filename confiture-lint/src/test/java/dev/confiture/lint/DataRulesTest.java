package dev.confiture.lint;

import static dev.confiture.lint.Lints.USERS;
import static dev.confiture.lint.Lints.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The rules on data-changing statements, read by JSqlParser (this module's test class path holds
 * JSqlParser without the javacc-java artifact its pom names in test scope: these tests prove it
 * parses without it).
 */
class DataRulesTest {

    private static final String WITHOUT_WHERE = "update-or-delete-without-where";
    private static final String BACKFILL = "backfill-in-ddl-transaction";

    @Test
    void updateOrDeleteWithoutWhereOnAnExistingTable() {
        assertThat(rules("UPDATE users SET name = lower(name);")).containsExactly(WITHOUT_WHERE);
        assertThat(rules("DELETE FROM public.users;")).containsExactly(WITHOUT_WHERE);
        assertThat(rules("UPDATE ONLY users SET name = 'x' RETURNING id;")).containsExactly(WITHOUT_WHERE);
        assertThat(rules("WITH o AS (SELECT id FROM orgs) DELETE FROM users USING o;")).containsExactly(WITHOUT_WHERE);
        // a WHERE inside a subquery narrows the subquery, not the UPDATE
        assertThat(rules("UPDATE users SET org_id = (SELECT id FROM orgs WHERE id = 1);")).containsExactly(WITHOUT_WHERE);
    }

    @Test
    void narrowedOrFreshTablesAreNotReported() {
        assertThat(rules("UPDATE users SET name = lower(name) WHERE id < 1000;")).isEmpty();
        assertThat(rules("DELETE FROM ONLY users WHERE org_id IN (SELECT id FROM orgs);")).isEmpty();
        assertThat(rules("UPDATE users u SET name = o.id::text FROM orgs o WHERE u.org_id = o.id;")).isEmpty();
        assertThat(rules("INSERT INTO users (id) VALUES (1);")).isEmpty();
        assertThat(rules("CREATE TABLE tmp (id int);\nINSERT INTO tmp VALUES (1);\nDELETE FROM tmp;")).isEmpty();
        assertThat(rules("SELECT count(*) FROM users;")).isEmpty();
        // a table created by a migration that is still pending holds no rows yet
        List<LintMigration> all = Lints.migrations(USERS, "CREATE TABLE audit (id int);", "DELETE FROM audit;");
        assertThat(new LintEngine().lint(all, new LintScope(Set.of("003_m3.sql"), Set.of("002_m2.sql"), 15))
                .findings()).isEmpty();
        assertThat(new LintEngine().lint(all, new LintScope(Set.of("003_m3.sql"), Set.of(), 15)).findings())
                .extracting(Finding::ruleId).containsExactly(WITHOUT_WHERE);
    }

    @Test
    void withoutWhereFindingSaysLockAndBatches() {
        Finding update = Lints.last(15, USERS, "UPDATE users SET name = lower(name);").findings().get(0);
        assertThat(update.lock()).isEqualTo("ROW EXCLUSIVE");
        assertThat(update.blocks()).isEqualTo("writes");
        assertThat(update.rewritesTable()).isTrue();
        assertThat(update.safeAlternative()).contains("UPDATE users SET name = lower(name) WHERE id IN (SELECT id"
                + " FROM public.users WHERE <not done yet> LIMIT 1000);");
        Finding delete = Lints.last(15, USERS, "DELETE FROM users;").findings().get(0);
        assertThat(delete.rewritesTable()).isFalse();
        assertThat(delete.safeAlternative()).contains("DELETE FROM public.users WHERE id IN").contains("TRUNCATE public.users;");
    }

    @Test
    void backfillAfterTheDdlOfTheSameTransaction() {
        List<Finding> findings = Lints.last(15, USERS, "ALTER TABLE users ADD COLUMN tenant bigint;\n"
                + "UPDATE users SET tenant = org_id WHERE tenant IS NULL;\n"
                + "ALTER TABLE users ALTER COLUMN tenant SET NOT NULL;").findings();
        assertThat(findings).extracting(Finding::ruleId).containsExactly(BACKFILL, "set-not-null-without-check");
        Finding f = findings.get(0);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.lock()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(f.blocks()).isEqualTo("reads, writes");
        assertThat(f.message()).contains("ALTER TABLE on line 1");
        assertThat(rules("ALTER TABLE orgs ADD COLUMN owner bigint;\n"
                + "INSERT INTO orgs (id, owner) SELECT org_id + 1000, id FROM users WHERE org_id IS NOT NULL;"))
                .containsExactly(BACKFILL);
    }

    @Test
    void backfillBeforeTheDdlOfTheSameTransaction() {
        List<Finding> findings = Lints.last(15, USERS, "UPDATE users SET email = lower(email) WHERE email <> lower(email);\n"
                + "ALTER TABLE users ADD CONSTRAINT email_lower CHECK (email = lower(email)) NOT VALID;").findings();
        assertThat(findings).extracting(Finding::ruleId).containsExactly(BACKFILL);
        assertThat(findings.get(0).lock()).isEqualTo("ROW EXCLUSIVE");
        assertThat(findings.get(0).message()).contains("ALTER TABLE on line 2");
    }

    @Test
    void backfillLookAlikesAreNotReported() {
        // the backfill in a migration of its own
        assertThat(Lints.last(15, USERS, "ALTER TABLE users ADD COLUMN tenant bigint;",
                "UPDATE users SET tenant = org_id WHERE tenant IS NULL;").findings()).isEmpty();
        // a seed row, not a backfill
        assertThat(rules("ALTER TABLE orgs ADD COLUMN name text;\nINSERT INTO orgs (id, name) VALUES (1, 'a');")).isEmpty();
        // DDL on another table
        assertThat(rules("ALTER TABLE orgs ADD COLUMN name text;\nUPDATE users SET name = 'a' WHERE id = 1;")).isEmpty();
        // a table created in the same migration
        assertThat(rules("CREATE TABLE t2 (id int);\nALTER TABLE t2 ADD COLUMN x int;\nUPDATE t2 SET x = 1 WHERE id > 0;"))
                .isEmpty();
        // a migration that runs outside a transaction: each statement commits on its own
        assertThat(rules("ALTER TABLE users ADD COLUMN tenant bigint;\nUPDATE users SET tenant = org_id WHERE tenant IS NULL;\n"
                + "CREATE INDEX CONCURRENTLY users_tenant_idx ON users (tenant);"))
                .containsExactly("concurrently-in-transaction");
    }

    /** PostgreSQL forms JSqlParser 5.4 reads: each is judged (no WHERE, so each is reported). */
    @Test
    void postgresDmlFormsAreRead() {
        for (String sql : List.of("UPDATE users SET name = name::text || E'\\n';",
                "UPDATE users SET (name, email) = (SELECT 'a', 'b');",
                "UPDATE users SET price = DEFAULT, name = CASE WHEN price > 1 THEN 'a' ELSE 'b' END;",
                "UPDATE users SET email = lower(email) COLLATE \"C\";",
                "UPDATE users SET name = $$x$$ RETURNING id;",
                "UPDATE \"users\" SET org_id = org_id + 1;",
                "DELETE FROM users AS u USING orgs o;")) {
            assertThat(rules(sql)).as(sql).containsExactly(WITHOUT_WHERE);
        }
    }

    @Test
    void dmlJSqlParserCannotReadIsLeftAlone() {
        assertThat(rules("UPDATE users SET name = 'x' WHERE CURRENT OF c;")).isEmpty();
    }
}
