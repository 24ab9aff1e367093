package dev.confiture.runner.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.confiture.runner.verify.DataSnapshot.TableRows;

/**
 * Judges one down migration on data: the rows read before its up against the rows after its down.
 * Every row of before must still be there with the same values; rows only the after side has are
 * not a loss (tables that were empty before may have been filled for a later migration). A lost
 * value is named by its column, lost rows by their table; both fail. A column order the down did
 * not restore ({@code attnum} order, which {@code SELECT *}, {@code INSERT} without a column list and
 * {@code COPY} depend on) is a warning, said once per table so that a later down is not blamed for it.
 */
final class DataComparison {

    private DataComparison() {
    }

    static List<VerifyFinding> compare(DataSnapshot before, DataSnapshot after, String migration, String file,
                                       Set<String> orderReported) {
        List<VerifyFinding> findings = new ArrayList<>();
        for (Map.Entry<String, TableRows> e : before.tables().entrySet()) {
            String table = e.getKey();
            TableRows was = e.getValue();
            TableRows is = after.tables().get(table);
            if (is == null) {
                continue; // a missing table is the catalog check's finding
            }
            if (was.columns().size() == is.columns().size() && Set.copyOf(was.columns()).equals(Set.copyOf(is.columns()))
                    && !was.columns().equals(is.columns()) && orderReported.add(table)) {
                findings.add(new VerifyFinding(VerifyFinding.WARNING, "table " + table, migration, file, null,
                        "the down of " + migration + " changes the column order of " + table
                                + " (SELECT *, INSERT without a column list and COPY see it)",
                        "before the up: " + String.join(", ", was.columns()),
                        "after the down: " + String.join(", ", is.columns())));
            }
            findings.addAll(lost(table, was, is, migration, file));
        }
        return findings;
    }

    private static List<VerifyFinding> lost(String table, TableRows was, TableRows is, String migration, String file) {
        Map<Map<String, String>, Integer> remaining = counts(is.rows());
        int missing = 0;
        for (Map<String, String> row : was.rows()) {
            Integer n = remaining.get(row);
            if (n == null || n == 0) {
                missing++;
            } else {
                remaining.put(row, n - 1);
            }
        }
        if (missing == 0) {
            return List.of();
        }
        int total = was.rows().size();
        if (is.rows().size() < total) {
            return List.of(VerifyFinding.error("table " + table, migration, file, null, "the down of " + migration
                    + " loses rows of " + table + ": " + (total - is.rows().size()) + " of " + total
                    + " row(s) present before the up are gone after the down",
                    "before the up: " + total + " row(s)", "after the down: " + is.rows().size() + " row(s)"));
        }
        List<VerifyFinding> findings = new ArrayList<>();
        for (String column : was.columns()) {
            if (!is.columns().contains(column)) {
                continue;
            }
            List<String> before = was.rows().stream().map(r -> r.get(column)).toList();
            List<String> after = is.rows().stream().map(r -> r.get(column)).toList();
            Map<String, Integer> left = countsOf(after);
            String firstLost = null;
            int lostValues = 0;
            for (String v : before) {
                Integer n = left.get(v);
                if (n == null || n == 0) {
                    lostValues++;
                    firstLost = firstLost == null ? v : firstLost;
                } else {
                    left.put(v, n - 1);
                }
            }
            if (lostValues > 0) {
                String instead = after.stream().filter(v -> !before.contains(v)).findFirst().orElse(after.get(0));
                findings.add(VerifyFinding.error("column " + table + "." + column, migration, file, null,
                        "the down of " + migration + " loses the values of " + table + "." + column + ": " + lostValues
                                + " of " + total + " row(s) no longer hold the value they had before the up",
                        "before the up: " + firstLost, "after the down: " + instead));
            }
        }
        if (findings.isEmpty()) {
            findings.add(VerifyFinding.error("table " + table, migration, file, null, "the down of " + migration
                    + " changes rows of " + table + ": " + missing + " of " + total
                    + " row(s) present before the up differ after the down", null, null));
        }
        return findings;
    }

    private static Map<Map<String, String>, Integer> counts(List<Map<String, String>> rows) {
        Map<Map<String, String>, Integer> counts = new HashMap<>();
        rows.forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts;
    }

    private static Map<String, Integer> countsOf(List<String> values) {
        Map<String, Integer> counts = new HashMap<>();
        values.forEach(v -> counts.merge(Objects.toString(v, null), 1, Integer::sum));
        return counts;
    }
}
