package dev.confiture.runner.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LockHolderTest {

    @Test
    void theHoldersQueryIsShownWithoutItsPassword() {
        LockHolder holder = new LockHolder(4242, "psql", "admin", null, null, "idle in transaction", null,
                "ALTER ROLE app_owner WITH LOGIN PASSWORD 'hunter2-secret'");

        String line = holder.describeWithQuery();

        assertFalse(line.contains("hunter2"), line);
        assertTrue(line.contains("last query: ALTER ROLE app_owner WITH LOGIN PASSWORD '***'"), line);
    }
}
