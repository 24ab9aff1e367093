package dev.confiture.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies of signed library jars without their signatures, for the libraries the plugin adds to its
 * class realm at run time ({@link RuntimeArtifacts}): JGit's jar is signed, and the JVM checks a
 * signed jar as it loads it, a 222 KB signature file and a PKCS7 block on the first class, then a
 * SHA-256 of every class it reads. In a cold {@code mvn confiture:validate} that was about 0.15 s
 * before git could be read (10 alternating runs on the validate bench: median 2,938 ms with the
 * signed jar, 2,768 ms with this copy).
 *
 * <p>The check protects nothing here: a jar in the local repository that someone changed would
 * load just as well with its signature files removed. What Maven trusts is the file its resolver
 * checked when it downloaded it, and the copy is that file's classes and resources byte for byte,
 * with the manifest's main section (version, multi-release) and without the signature files and the
 * per-entry digests only they use. It is made once per machine and jar, in
 * {@code <cache>/unsigned-jars/} (the embedded PostgreSQL's cache folder), named after the jar, its
 * size and its modification time, so that a jar downloaded again gets a copy of its own. When the
 * copy cannot be made (a read-only cache, a full disk), the signed jar is used as before.
 */
final class UnsignedJars {

    static final String FOLDER = "unsigned-jars";

    private UnsignedJars() {
    }

    /** The jar to put on the class path for {@code jar}: a copy without signatures when it is signed, else itself. */
    static Path of(Path jar, Path cacheDirectory) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            String name = jar.getFileName().toString();
            String base = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
            Path copy = cacheDirectory.resolve(FOLDER).resolve(base + "-" + attributes.size() + "-"
                    + attributes.lastModifiedTime().toMillis() + ".jar");
            if (Files.isRegularFile(copy)) {
                return copy;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                if (!signed(zip)) {
                    return jar;
                }
                write(zip, copy);
                return copy;
            }
        } catch (IOException | RuntimeException e) {
            return jar; // slower to load, the same classes
        }
    }

    private static boolean signed(ZipFile zip) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            if (isSignatureFile(entries.nextElement().getName())) {
                return true;
            }
        }
        return false;
    }

    /** The files of a jar signature ({@code META-INF/*.SF} and its block), as {@link JarFile} looks for them. */
    static boolean isSignatureFile(String entry) {
        String upper = entry.toUpperCase(java.util.Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC");
    }

    /** Writes the copy next to where it goes, then moves it there: two builds at once each write their own. */
    private static void write(ZipFile zip, Path copy) throws IOException {
        Files.createDirectories(copy.getParent());
        Path partial = Files.createTempFile(copy.getParent(), copy.getFileName().toString(), ".partial");
        try {
            try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream out = new ZipOutputStream(file)) {
                ZipEntry manifestEntry = zip.getEntry(JarFile.MANIFEST_NAME);
                if (manifestEntry != null) {
                    Manifest mainSection = new Manifest();
                    try (InputStream in = zip.getInputStream(manifestEntry)) {
                        mainSection.getMainAttributes().putAll(new Manifest(in).getMainAttributes());
                    }
                    if (mainSection.getMainAttributes().getValue(Attributes.Name.MANIFEST_VERSION) == null) {
                        mainSection.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                    }
                    out.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
                    mainSection.write(out);
                    out.closeEntry();
                }
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME) || isSignatureFile(entry.getName())) {
                        continue;
                    }
                    ZipEntry copied = new ZipEntry(entry.getName());
                    copied.setTime(entry.getTime());
                    out.putNextEntry(copied);
                    if (!entry.isDirectory()) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
