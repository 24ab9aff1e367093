package dev.confiture.lint;

/**
 * Maintenance commands that rewrite a table under ACCESS EXCLUSIVE: {@code VACUUM FULL},
 * {@code CLUSTER}, {@code REINDEX} without {@code CONCURRENTLY} (PostgreSQL 12+ has it; REINDEX
 * blocks writes and the reads that use the index), {@code ALTER TABLE ... SET TABLESPACE}.
 */
final class RewritingMaintenance implements LintRule {

    @Override
    public String id() {
        return "table-rewriting-maintenance";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public void check(StatementContext s) {
        int end = s.tokens.size();
        if (s.is(0, "vacuum") && s.tokens.stream().anyMatch(t -> t.kind() == dev.confiture.sql.SqlToken.Kind.WORD
                && t.value().equals("full"))) {
            s.report(this, 0, "ACCESS EXCLUSIVE", "reads, writes", true, "VACUUM FULL rewrites the table while reads"
                    + " and writes wait", "-- plain VACUUM (no lock against reads and writes), or pg_repack outside migrations");
        } else if (s.is(0, "cluster")) {
            s.report(this, 0, "ACCESS EXCLUSIVE", "reads, writes", true, "CLUSTER rewrites the table while reads and"
                    + " writes wait", "-- pg_repack --order-by outside migrations");
        } else if (s.is(0, "reindex") && !s.has("concurrently", 1, end)) {
            String safe = s.postgresVersion >= 12 ? s.text(0, 2) + " CONCURRENTLY " + s.text(2, end) + ";"
                    : "-- CREATE INDEX CONCURRENTLY a copy, drop the old index CONCURRENTLY, rename";
            s.report(this, 0, "SHARE / ACCESS EXCLUSIVE on the index", "writes, reads using the index", false,
                    "REINDEX locks out writes and the reads that use the index until it is rebuilt", safe);
        } else if (s.alterTable().isPresent() && s.busyTable(s.alterTable().get().table()).isPresent()) {
            for (int[] a : s.alterTable().get().actions()) {
                if (s.is(a[0], "set") && s.is(a[0] + 1, "tablespace")) {
                    s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", true, "SET TABLESPACE copies the table"
                            + " while reads and writes wait", "-- pg_repack --tablespace outside migrations");
                }
            }
        }
    }
}
