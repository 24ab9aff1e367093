package dev.confiture.model.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * A {@code .properties} file packaged next to the class that reads it, as the build writes it (filtered
 * from the parent POM's properties, so that a version is written once): the embedded binaries' versions,
 * the artifacts the plugin resolves at run time.
 */
public final class BundledProperties {

    private BundledProperties() {
    }

    /** {@code name} from {@code owner}'s package; a jar without it is a broken build, said as such. */
    public static Properties load(Class<?> owner, String name) {
        Properties p = new Properties();
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path next to " + owner.getName()
                        + ": the build did not package it");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
