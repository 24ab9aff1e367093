package dev.confiture.lint;

/**
 * {@code TRUNCATE ... CASCADE} also empties every table whose foreign keys point at the truncated
 * ones, recursively: tables the migration does not name lose their rows.
 */
final class TruncateCascade implements LintRule {

    @Override
    public String id() {
        return "ban-truncate-cascade";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public void check(StatementContext s) {
        if (s.is(0, "truncate") && s.has("cascade", 1, s.tokens.size())) {
            s.report(this, 0, "ACCESS EXCLUSIVE", "reads, writes", false, "TRUNCATE CASCADE empties every table"
                    + " that references the truncated ones, recursively", "-- name every table to empty:\nTRUNCATE "
                    + s.text(1, s.find("cascade", 1, s.tokens.size())).strip() + ", <referencing tables>;");
        }
    }
}
