package dev.confiture.runner;

import java.time.Duration;

import dev.confiture.model.ConfitureException;

/**
 * How often {@code migrate} tries a migration again when it failed on a lock timeout (SQLSTATE
 * 55P03, typically {@code session_settings.lock_timeout}): {@code retries} more attempts
 * ({@code confiture.lockRetries}), the first after {@code delay} ({@code confiture.lockRetryDelay}),
 * each next one after twice the wait before it. See docs/migrations.md, "Lock retries".
 */
public record LockRetryPolicy(int retries, Duration delay) {

    /** Three more attempts, after 5, 10 and 20 seconds. */
    public static final LockRetryPolicy DEFAULT = new LockRetryPolicy(3, Duration.ofSeconds(5));

    /** The first failure is final. */
    public static final LockRetryPolicy NONE = new LockRetryPolicy(0, Duration.ZERO);

    public LockRetryPolicy {
        if (retries < 0) {
            throw new ConfitureException("LOCK_RETRIES_BAD_COUNT", "confiture.lockRetries is " + retries
                    + ": give 0 (fail at the first lock timeout) or more. Nothing was run.");
        }
        delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** The wait before retry {@code n} (1-based): delay, then doubling. */
    Duration waitBefore(int n) {
        return delay.multipliedBy(1L << Math.min(n - 1, 20));
    }
}
