package dev.confiture.runner.migration;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 over a migration: the up file then the down file, or the class file. SQL files are
 * hashed with their line endings normalised ({@link #normaliseInPlace}), so a CRLF/LF conversion or a
 * trailing newline alone is not a change; the up file also gets a checksum of its own
 * ({@link #ofUp}), which tells an edited up file from an edited down file.
 */
public final class Checksums {

    private Checksums() {
    }

    /** Up and down together, normalised: the tracking table's {@code checksum} column. */
    public static String ofFiles(Path up, Path down) {
        MessageDigest digest = sha256();
        FileBytes buffer = new FileBytes();
        updateNormalised(digest, up, buffer);
        return thenDown(digest, down, true, buffer);
    }

    /** Both columns of a SQL migration's tracking row: {@code checksum} and {@code up_checksum}. */
    public record OfPair(String checksum, String upChecksum) {
    }

    /** {@link #ofFiles} and {@link #ofUp} together, reading the up file once. */
    public static OfPair ofPair(Path up, Path down) {
        return new PairHasher().ofPair(up, down);
    }

    /**
     * {@link #ofPair} for the many pairs of one listing, with one digest and one read buffer for all
     * of them. Each file is read once and normalised where it was read, and the up file is hashed
     * once: its own sum is taken from a copy of the digest before the down file goes in. On a cold
     * JVM these took a status of 5,000 migrations from about 0.4 s to 0.25 s of checksums
     * ({@code MessageDigest.getInstance} per pair, two copies and two passes over each up file).
     * Not for concurrent use.
     */
    public static final class PairHasher {

        private final MessageDigest digest = sha256();
        private final FileBytes buffer = new FileBytes();

        public OfPair ofPair(Path up, Path down) {
            digest.reset(); // a pair whose down file could not be read leaves the digest half fed
            updateNormalised(digest, up, buffer);
            String upChecksum = HexFormat.of().formatHex(copy(digest).digest());
            return new OfPair(thenDown(digest, down, true, buffer), upChecksum);
        }

        private static MessageDigest copy(MessageDigest digest) {
            try {
                return (MessageDigest) digest.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("The runtime's SHA-256 cannot be cloned", e);
            }
        }
    }

    /** The up file alone, normalised: the tracking table's {@code up_checksum} column. */
    public static String ofUp(Path up) {
        MessageDigest digest = sha256();
        updateNormalised(digest, up, new FileBytes());
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Up and down together over their raw bytes, as versions before line endings were normalised
     * recorded it: a row written then still matches files that did not change.
     */
    public static String ofFilesRaw(Path up, Path down) {
        MessageDigest digest = sha256();
        FileBytes buffer = new FileBytes();
        buffer.read(up);
        digest.update(buffer.bytes, 0, buffer.length);
        return thenDown(digest, down, false, buffer);
    }

    /** The rest of a pair's sum, after its up file: a separator, then the down file if there is one. */
    private static String thenDown(MessageDigest digest, Path down, boolean normalise, FileBytes buffer) {
        // A separator so that moving bytes from the end of up to the start of down still changes the sum.
        digest.update((byte) 0);
        if (down != null) {
            if (normalise) {
                updateNormalised(digest, down, buffer);
            } else {
                buffer.read(down);
                digest.update(buffer.bytes, 0, buffer.length);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Feeds the file to the digest as {@link #normaliseInPlace} leaves it, read into {@code buffer}. */
    private static void updateNormalised(MessageDigest digest, Path file, FileBytes buffer) {
        buffer.read(file);
        digest.update(buffer.bytes, 0, normaliseInPlace(buffer.bytes, buffer.length));
    }

    /**
     * The first {@code length} bytes with every CRLF turned into LF and the newlines at the end
     * removed, written over the array itself: the length of the result, at its start. Done on bytes,
     * not characters: CR and LF are single bytes in UTF-8 and never part of a multi-byte character.
     */
    private static int normaliseInPlace(byte[] bytes, int length) {
        int n = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\r' && i + 1 < length && bytes[i + 1] == '\n') {
                continue;
            }
            bytes[n++] = bytes[i];
        }
        while (n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r')) {
            n--;
        }
        return n;
    }

    /**
     * One file's bytes at a time, in an array kept from file to file and grown when a file is larger:
     * {@code bytes[0..length)}. Read with one {@code FileInputStream} and plain reads until the end:
     * {@code readAllBytes} first asks the file's size and position (two more system calls per file)
     * and allocates an array per file; over the 10,000 files of 5,000 migrations on a cold JVM that
     * was 175 ms of reading against 150 ms this way.
     */
    private static final class FileBytes {

        byte[] bytes = new byte[8192];
        int length;

        void read(Path file) {
            try {
                if (file.getFileSystem() != FileSystems.getDefault()) {
                    set(Files.readAllBytes(file)); // a migration inside a jar on the class path
                    return;
                }
                try (FileInputStream in = new FileInputStream(file.toFile())) {
                    int n = 0;
                    while (true) {
                        if (n == bytes.length) {
                            bytes = Arrays.copyOf(bytes, bytes.length * 2);
                        }
                        int read = in.read(bytes, n, bytes.length - n);
                        if (read < 0) {
                            break;
                        }
                        n += read;
                    }
                    length = n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }

        private void set(byte[] content) {
            if (content.length > bytes.length) {
                bytes = content;
            } else {
                System.arraycopy(content, 0, bytes, 0, content.length);
            }
            length = content.length;
        }
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
