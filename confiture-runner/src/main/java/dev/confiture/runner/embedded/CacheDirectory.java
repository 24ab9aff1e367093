package dev.confiture.runner.embedded;

import java.nio.file.Path;

/**
 * Where the embedded PostgreSQL keeps what every project on the machine can share: the unpacked
 * binaries and one initialised cluster per major version ({@link ClusterTemplate}). Default
 * {@code ${user.home}/.cache/confiture}; {@code -Dconfiture.cacheDir=<folder>} moves it.
 */
public final class CacheDirectory {

    public static final String PROPERTY = "confiture.cacheDir";

    private CacheDirectory() {
    }

    public static Path path() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "confiture");
    }
}
