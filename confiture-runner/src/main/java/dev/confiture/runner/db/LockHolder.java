package dev.confiture.runner.db;

import java.time.OffsetDateTime;

/** Who holds the migration lock, from {@code pg_locks} and {@code pg_stat_activity}. */
public record LockHolder(int pid, String applicationName, String user, String clientAddress,
                         OffsetDateTime backendStart, String state, OffsetDateTime stateChange, String query) {

    /** {@code pid 4242 (confiture (ci@runner-7), user deploy from 10.0.0.5), connected since ..., idle in transaction since ...}. */
    public String describe() {
        StringBuilder s = new StringBuilder("pid ").append(pid).append(" (application '")
                .append(applicationName == null || applicationName.isEmpty() ? "?" : applicationName).append("'");
        if (user != null) {
            s.append(", user ").append(user);
        }
        if (clientAddress != null) {
            s.append(" from ").append(clientAddress);
        }
        s.append(")");
        if (backendStart != null) {
            s.append(", connected since ").append(backendStart);
        }
        if (state != null) {
            s.append(", ").append(state);
            if (stateChange != null) {
                s.append(" since ").append(stateChange);
            }
        }
        return s.toString();
    }
}
