package dev.confiture.runner;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose every test gets a fresh {@link RunnerFixture} {@code f} (its own database) over a
 * temporary migrations folder {@code dir}, closed after the test. A subclass's own {@code @BeforeEach}
 * runs after the fixture is open, its {@code @AfterEach} before it is closed.
 */
abstract class WithRunnerFixture {

    @TempDir
    Path dir;

    RunnerFixture f;

    @BeforeEach
    final void openRunnerFixture() {
        f = new RunnerFixture(dir);
    }

    @AfterEach
    final void closeRunnerFixture() {
        f.close();
    }
}
