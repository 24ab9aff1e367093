package dev.confiture.runner.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a migration's bytes: the up file then the down file, or the class file. */
public final class Checksums {

    private Checksums() {
    }

    public static String ofFiles(Path up, Path down) {
        MessageDigest digest = sha256();
        try {
            digest.update(Files.readAllBytes(up));
            // A separator so that moving bytes from the end of up to the start of down still changes the sum.
            digest.update((byte) 0);
            if (down != null) {
                digest.update(Files.readAllBytes(down));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + up + (down == null ? "" : " or " + down), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String ofClass(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The class file of " + type.getName() + " is not readable from its class loader");
            }
            return HexFormat.of().formatHex(sha256().digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the class file of " + type.getName(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
