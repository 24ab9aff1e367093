package dev.confiture.lint;

import dev.confiture.sql.SqlStatements;

/**
 * A statement PostgreSQL refuses inside a transaction block ({@code CREATE INDEX CONCURRENTLY},
 * {@code DROP INDEX CONCURRENTLY}, {@code DETACH PARTITION ... CONCURRENTLY}, ...) sharing a
 * migration with other statements: the runner then runs the whole migration outside a transaction
 * (docs/migrations.md), so a failure half-way leaves the statements before it applied and the
 * migration unrecorded. A concurrent build that fails also leaves an INVALID index behind.
 */
final class ConcurrentlyInTransaction implements LintRule {

    @Override
    public String id() {
        return "concurrently-in-transaction";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public void check(StatementContext s) {
        if (!s.sharesMigration || !SqlStatements.requiresNoTransaction(s.statement.sql())) {
            return;
        }
        s.report(this, 0, null, null, false, "this statement cannot run in a transaction, so the whole migration"
                + " runs without one: put it in a migration of its own", "-- a migration holding only:\n" + s.sql() + ";");
    }
}
