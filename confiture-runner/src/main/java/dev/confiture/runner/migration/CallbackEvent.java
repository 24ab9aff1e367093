package dev.confiture.runner.migration;

import java.util.Arrays;
import java.util.List;

/**
 * When a callback runs (docs/migrations.md, "Callbacks"): Flyway's event names, which are also the
 * file names in {@code db/callbacks}.
 */
public enum CallbackEvent {
    BEFORE_MIGRATE("beforeMigrate"),
    BEFORE_EACH_MIGRATE("beforeEachMigrate"),
    AFTER_EACH_MIGRATE("afterEachMigrate"),
    AFTER_MIGRATE("afterMigrate"),
    AFTER_MIGRATE_ERROR("afterMigrateError"),
    BEFORE_ROLLBACK("beforeRollback"),
    AFTER_ROLLBACK("afterRollback");

    /** The events of {@code migrate} and of {@code rollback}: what each goal checks before anything runs. */
    public static final List<CallbackEvent> MIGRATE = List.of(BEFORE_MIGRATE, BEFORE_EACH_MIGRATE, AFTER_EACH_MIGRATE,
            AFTER_MIGRATE, AFTER_MIGRATE_ERROR);
    public static final List<CallbackEvent> ROLLBACK = List.of(BEFORE_ROLLBACK, AFTER_ROLLBACK);

    private final String fileName;

    CallbackEvent(String fileName) {
        this.fileName = fileName;
    }

    /** {@code beforeMigrate}: the file's name without {@code .sql} (or before {@code __}). */
    public String fileName() {
        return fileName;
    }

    /** Whether the callback runs inside the migration's own transaction. */
    public boolean perMigration() {
        return this == BEFORE_EACH_MIGRATE || this == AFTER_EACH_MIGRATE;
    }

    public static CallbackEvent byFileName(String name) {
        return Arrays.stream(values()).filter(e -> e.fileName.equals(name)).findFirst().orElse(null);
    }

    public static List<String> fileNames() {
        return Arrays.stream(values()).map(CallbackEvent::fileName).toList();
    }
}
