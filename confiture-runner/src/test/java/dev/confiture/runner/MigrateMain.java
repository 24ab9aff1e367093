package dev.confiture.runner;

import java.nio.file.Path;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.report.RunnerText;

/** Runs {@code migrate} in a JVM of its own, so a test can kill it mid-migration: args url, user, dir. */
public final class MigrateMain {

    private MigrateMain() {
    }

    public static void main(String[] args) {
        RunnerConfig config = RunnerConfig.of(new DatabaseSettings(args[0], args[1], null), Path.of(args[2]));
        new MigrationRunner(config, RunnerText.lines(System.out::println)).migrate(null, false);
    }
}
