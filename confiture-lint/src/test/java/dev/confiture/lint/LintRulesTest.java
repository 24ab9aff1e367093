package dev.confiture.lint;

import static dev.confiture.lint.Lints.USERS;
import static dev.confiture.lint.Lints.rules;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each rule: a statement that triggers it, and a similar one that must not. */
class LintRulesTest {

    @Test
    void indexCreationWithoutConcurrently() {
        assertThat(rules("CREATE INDEX users_name_idx ON users (name);")).containsExactly("require-concurrent-index-creation");
        assertThat(rules("CREATE UNIQUE INDEX users_name_idx ON public.users USING btree (name);"))
                .containsExactly("require-concurrent-index-creation");
        assertThat(rules("CREATE INDEX CONCURRENTLY users_name_idx ON users (name);")).isEmpty();
    }

    @Test
    void indexCreationFindingCarriesLockAndSafeForm() {
        Finding f = Lints.last(15, USERS, "SELECT 1;\n  CREATE INDEX users_name_idx ON users (name);").findings().get(0);
        assertThat(f.lock()).isEqualTo("SHARE");
        assertThat(f.blocks()).isEqualTo("writes");
        assertThat(f.rewritesTable()).isFalse();
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.column()).isEqualTo(3);
        assertThat(f.migration()).isEqualTo("002_m2.sql");
        assertThat(f.safeAlternative()).isEqualTo("CREATE INDEX CONCURRENTLY users_name_idx ON users (name);");
    }

    @Test
    void indexDeletionWithoutConcurrently() {
        assertThat(rules("DROP INDEX users_email_idx;")).containsExactly("require-concurrent-index-deletion");
        assertThat(rules("DROP INDEX CONCURRENTLY users_email_idx;")).isEmpty();
    }

    @Test
    void foreignKeyAndCheckWithoutNotValid() {
        assertThat(rules("ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id);"))
                .containsExactly("constraint-missing-not-valid");
        assertThat(rules("ALTER TABLE users ADD CHECK (price > 0);")).containsExactly("constraint-missing-not-valid");
        assertThat(rules("ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;"))
                .isEmpty();
        assertThat(rules("ALTER TABLE users VALIDATE CONSTRAINT users_org_fk;")).isEmpty();
    }

    @Test
    void notValidFindingSuggestsValidateInTheNextMigration() {
        Finding f = Lints.last(15, USERS, "ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id);")
                .findings().get(0);
        assertThat(f.lock()).isEqualTo("SHARE ROW EXCLUSIVE");
        assertThat(f.safeAlternative()).contains("REFERENCES orgs (id) NOT VALID;")
                .contains("VALIDATE CONSTRAINT users_org_fk;");
    }

    @Test
    void setNotNullWithoutValidatedCheck() {
        assertThat(rules("ALTER TABLE users ALTER COLUMN email SET NOT NULL;")).containsExactly("set-not-null-without-check");
        assertThat(rules("ALTER TABLE users ALTER COLUMN email DROP NOT NULL;")).isEmpty();
    }

    @Test
    void setNotNullProvenByAValidatedCheckIsSafeFromPostgres12() {
        String check = "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;";
        String setNotNull = "ALTER TABLE users VALIDATE CONSTRAINT email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;";
        assertThat(Lints.last(15, USERS, check, setNotNull).findings()).isEmpty();
        assertThat(Lints.last(11, USERS, check, setNotNull).findings()).extracting(Finding::ruleId)
                .containsExactly("set-not-null-without-check");
        // not validated: the check does not prove anything yet
        assertThat(Lints.last(15, USERS, check, "ALTER TABLE users ALTER COLUMN email SET NOT NULL;").findings())
                .extracting(Finding::ruleId).containsExactly("set-not-null-without-check");
    }

    @Test
    void typeChangeThatRewrites() {
        assertThat(rules("ALTER TABLE users ALTER COLUMN email TYPE varchar(50);")).containsExactly("changing-column-type");
        assertThat(rules("ALTER TABLE users ALTER COLUMN org_id TYPE integer;")).containsExactly("changing-column-type");
        assertThat(rules("ALTER TABLE users ALTER COLUMN price TYPE numeric(12,3);")).containsExactly("changing-column-type");
        assertThat(rules("ALTER TABLE users ALTER COLUMN email TYPE varchar(200) USING lower(email);"))
                .containsExactly("changing-column-type");
    }

    @Test
    void typeChangeWithoutRewriteIsNotReported() {
        assertThat(rules("ALTER TABLE users ALTER COLUMN email TYPE varchar(200);")).isEmpty();
        assertThat(rules("ALTER TABLE users ALTER COLUMN email SET DATA TYPE text;")).isEmpty();
        assertThat(rules("ALTER TABLE users ALTER COLUMN email TYPE varchar;")).isEmpty();
        assertThat(rules("ALTER TABLE users ALTER COLUMN price TYPE numeric(14,2);")).isEmpty();
        assertThat(rules("ALTER TABLE users ALTER COLUMN price TYPE numeric;")).isEmpty();
    }

    @Test
    void volatileDefault() {
        assertThat(rules("ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();"))
                .containsExactly("adding-field-with-default");
        assertThat(rules("ALTER TABLE users ADD COLUMN seq bigserial;")).containsExactly("adding-field-with-default");
        assertThat(rules("ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now() NOT NULL;")).isEmpty();
        assertThat(rules("ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;")).isEmpty();
    }

    @Test
    void constantDefaultRewritesBeforePostgres11Only() {
        String add = "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;";
        assertThat(Lints.last(10, USERS, add).findings()).extracting(Finding::ruleId)
                .containsExactly("adding-field-with-default");
        assertThat(Lints.last(11, USERS, add).findings()).isEmpty();
    }

    @Test
    void storedGeneratedColumn() {
        assertThat(rules("ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;"))
                .containsExactly("adding-stored-generated-column");
        assertThat(rules("ALTER TABLE users ADD COLUMN email_lower text;")).isEmpty();
    }

    @Test
    void concurrentlyWithOtherStatements() {
        assertThat(rules("CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\nALTER TABLE users ADD COLUMN x int;"))
                .containsExactly("concurrently-in-transaction");
        assertThat(rules("SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY users_name_idx ON users (name);")).isEmpty();
    }

    @Test
    void uniqueConstraintNotBuiltFromAnIndex() {
        assertThat(rules("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);"))
                .containsExactly("disallowed-unique-constraint");
        assertThat(rules("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;")).isEmpty();
    }

    @Test
    void uniqueConstraintSafeFormBuildsTheIndexConcurrently() {
        Finding f = Lints.last(15, USERS, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);").findings().get(0);
        assertThat(f.safeAlternative()).isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON public.users (email);\n"
                + "-- in the next migration:\nALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;");
    }

    @Test
    void renamesAndDropsThatBreakRunningClients() {
        assertThat(rules("ALTER TABLE users RENAME COLUMN name TO full_name;")).containsExactly("breaking-rename-or-drop");
        assertThat(rules("ALTER TABLE users RENAME TO members;")).containsExactly("breaking-rename-or-drop");
        assertThat(rules("ALTER TABLE users DROP COLUMN name;")).containsExactly("breaking-rename-or-drop");
        assertThat(rules("DROP TABLE orgs;")).containsExactly("breaking-rename-or-drop");
        assertThat(rules("ALTER TABLE users DROP CONSTRAINT users_pkey;")).isEmpty();
        assertThat(rules("ALTER TABLE users ALTER COLUMN name DROP DEFAULT;")).isEmpty();
        assertThat(rules("CREATE TABLE tmp (id int);\nDROP TABLE tmp;")).isEmpty();
    }

    @Test
    void tableRewritingMaintenance() {
        assertThat(rules("VACUUM FULL users;")).containsExactly("table-rewriting-maintenance");
        assertThat(rules("VACUUM (FULL, ANALYZE) users;")).containsExactly("table-rewriting-maintenance");
        assertThat(rules("CLUSTER users USING users_pkey;")).containsExactly("table-rewriting-maintenance");
        assertThat(rules("REINDEX INDEX users_email_idx;")).containsExactly("table-rewriting-maintenance");
        assertThat(rules("ALTER TABLE users SET TABLESPACE fast;")).containsExactly("table-rewriting-maintenance");
        assertThat(rules("VACUUM ANALYZE users;")).isEmpty();
        assertThat(rules("REINDEX INDEX CONCURRENTLY users_email_idx;")).isEmpty();
    }

    @Test
    void detachPartitionWithoutConcurrentlyFromPostgres14() {
        String parts = "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n"
                + "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');";
        assertThat(Lints.last(15, parts, "ALTER TABLE events DETACH PARTITION events_2025;").findings())
                .extracting(Finding::ruleId).containsExactly("detach-partition-without-concurrently");
        assertThat(Lints.last(13, parts, "ALTER TABLE events DETACH PARTITION events_2025;").findings()).isEmpty();
        assertThat(Lints.last(15, parts, "ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;").findings())
                .isEmpty();
    }

    @Test
    void truncateCascade() {
        assertThat(rules("TRUNCATE orgs CASCADE;")).containsExactly("ban-truncate-cascade");
        assertThat(rules("TRUNCATE orgs, users;")).isEmpty();
    }

    @Test
    void requiredColumnWithoutDefault() {
        assertThat(rules("ALTER TABLE users ADD COLUMN tenant bigint NOT NULL;")).containsExactly("adding-required-field");
        assertThat(rules("ALTER TABLE users ADD COLUMN tenant bigint NOT NULL DEFAULT 0;")).isEmpty();
        assertThat(rules("ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY NOT NULL;")).isEmpty();
        assertThat(rules("CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN tenant bigint NOT NULL;")).isEmpty();
    }
}
