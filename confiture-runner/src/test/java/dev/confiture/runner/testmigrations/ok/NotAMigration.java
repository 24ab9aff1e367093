package dev.confiture.runner.testmigrations.ok;

/** A helper class in the migrations package: ignored, it does not implement Migration. */
public final class NotAMigration {
    private NotAMigration() {
    }
}
