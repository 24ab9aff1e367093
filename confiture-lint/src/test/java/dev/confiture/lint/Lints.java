package dev.confiture.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Lints a list of migration texts named 001_m1.sql, 002_m2.sql ... as tests need them. */
final class Lints {

    static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), name text,"
            + " org_id bigint, price numeric(10,2));\nCREATE TABLE orgs (id bigint PRIMARY KEY);\n"
            + "CREATE INDEX users_email_idx ON users (email);";

    private Lints() {
    }

    static List<LintMigration> migrations(String... texts) {
        List<LintMigration> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            String name = String.format("%03d_m%d.sql", i + 1, i + 1);
            out.add(new LintMigration(name, "db/migrations/" + name, texts[i]));
        }
        return out;
    }

    /** The findings on the last migration, the ones before it making the schema. */
    static LintReport last(int pg, String... texts) {
        List<LintMigration> all = migrations(texts);
        return new LintEngine().lint(all, new LintScope(Set.of(all.get(all.size() - 1).name()), Set.of(), pg));
    }

    /** The rule ids found in the last migration, judged for PostgreSQL 15 after the users/orgs schema. */
    static List<String> rules(String sql) {
        return last(15, USERS, sql).findings().stream().map(Finding::ruleId).toList();
    }
}
