package dev.confiture.runner.verify;

import java.util.List;

/**
 * The result of {@code confiture:verify}: {@code status} is {@code passed} or {@code failed};
 * {@code scratch} where the scratch databases were made; how many migrations and schema files were
 * used; the checks in the order they ran; the time taken.
 */
public record VerifyReport(String status, String environment, String scratch, int migrations, int schemaFiles,
                           List<VerifyCheck> checks, List<UncheckedTable> notCheckedForData, long durationMs) {

    public VerifyReport {
        checks = List.copyOf(checks);
        notCheckedForData = List.copyOf(notCheckedForData);
    }

    public boolean passed() {
        return "passed".equals(status);
    }

    /** The check of that name, or null. */
    public VerifyCheck check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
