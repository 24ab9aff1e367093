package dev.confiture.lint;

/**
 * One check on one statement. Rules report only on tables other sessions may be using (see
 * {@link StatementContext#busyTable}); each is listed in docs/lint.md with its lock, whether it
 * rewrites the table, the PostgreSQL versions it applies to and the safe form.
 */
interface LintRule {

    String id();

    Severity severity();

    void check(StatementContext s);
}
