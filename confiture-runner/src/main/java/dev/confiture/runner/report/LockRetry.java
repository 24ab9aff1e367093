package dev.confiture.runner.report;

import java.util.List;

/**
 * One attempt of a migration that failed on a lock timeout (SQLSTATE 55P03) and was retried:
 * which attempt (1-based), PostgreSQL's message, the sessions seen blocking it while it waited
 * (pid, application, user, state and masked query), and the wait before the next attempt.
 */
public record LockRetry(String migration, int attempt, String error, List<String> blockedBy, long retryInMs) {

    public LockRetry {
        blockedBy = List.copyOf(blockedBy);
    }
}
