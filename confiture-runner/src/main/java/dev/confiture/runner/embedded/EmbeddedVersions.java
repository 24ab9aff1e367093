package dev.confiture.runner.embedded;

import java.util.Properties;

import dev.confiture.model.config.BundledProperties;
import dev.confiture.model.config.PostgresVersion;

/**
 * The embedded binaries' full version for each PostgreSQL major, pinned in the parent POM
 * ({@code postgres.embedded.<major>.version}) and read from a resource filtered at build time, so that
 * each version is written once.
 */
public final class EmbeddedVersions {

    private static final Properties PINNED = BundledProperties.load(EmbeddedVersions.class, "postgres-versions.properties");

    private EmbeddedVersions() {
    }

    /** The default: the binaries the plugin has always run ({@code zonky.binaries.version}). */
    public static String defaultVersion() {
        return PINNED.getProperty("default");
    }

    /** The full version to run for what the user asked; the default for null. */
    public static String resolve(PostgresVersion asked) {
        if (asked == null) {
            return defaultVersion();
        }
        if (asked.exact() != null) {
            return asked.exact();
        }
        String pinned = PINNED.getProperty(Integer.toString(asked.major()));
        if (pinned == null || pinned.isBlank()) {
            throw new IllegalStateException("no pinned embedded PostgreSQL version for major " + asked.major());
        }
        return pinned;
    }

    /** The major of a full version, e.g. 15 for 15.13.0 (or 17 for 17.11, as {@code postgres --version} says). */
    public static int majorOf(String fullVersion) {
        return Integer.parseInt(fullVersion.split("\\.")[0]);
    }
}
