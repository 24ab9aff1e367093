package dev.confiture.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy without signatures of JGit's real, signed jar: the same classes, loaded without the signature check. */
class UnsignedJarsTest {

    @TempDir
    Path cache;

    @Test
    void theSignedJgitJarIsCopiedOnceWithoutItsSignatureAndWithTheSameClasses() throws Exception {
        Path jgit = Path.of(org.eclipse.jgit.lib.Repository.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(names(jgit)).as("JGit's jar is signed").anyMatch(UnsignedJars::isSignatureFile);

        Path copy = UnsignedJars.of(jgit, cache);

        assertThat(copy).isNotEqualTo(jgit).startsWith(cache.resolve(UnsignedJars.FOLDER));
        assertThat(copy.getFileName().toString()).startsWith(jgit.getFileName().toString().replace(".jar", "-"));
        assertThat(names(copy)).noneMatch(UnsignedJars::isSignatureFile);
        List<String> kept = new ArrayList<>(names(jgit));
        kept.removeIf(UnsignedJars::isSignatureFile);
        assertThat(names(copy)).containsExactlyInAnyOrderElementsOf(kept);
        try (ZipFile original = new ZipFile(jgit.toFile()); ZipFile copied = new ZipFile(copy.toFile())) {
            for (String name : kept) {
                if (!name.equals(JarFile.MANIFEST_NAME)) {
                    assertThat(bytes(copied, name)).as(name).isEqualTo(bytes(original, name));
                }
            }
        }
        try (JarFile original = new JarFile(jgit.toFile()); JarFile copied = new JarFile(copy.toFile())) {
            assertThat(copied.getManifest().getMainAttributes()).isEqualTo(original.getManifest().getMainAttributes());
            assertThat(copied.getManifest().getEntries()).as("the per-entry digests only the signature used").isEmpty();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {copy.toUri().toURL()}, null)) {
            Class<?> objectId = loader.loadClass("org.eclipse.jgit.lib.ObjectId");
            assertThat(objectId.getSigners()).isNull();
            assertThat(objectId.getProtectionDomain().getCodeSource().getLocation()).isEqualTo(copy.toUri().toURL());
        }

        FileTime made = Files.getLastModifiedTime(copy);
        assertThat(UnsignedJars.of(jgit, cache)).as("made once, then found").isEqualTo(copy);
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(made);
        try (var left = Files.list(copy.getParent())) {
            assertThat(left).as("no partial copy left behind").containsExactly(copy);
        }
    }

    @Test
    void anUnsignedJarIsUsedAsItIs() throws IOException {
        Path jar = cache.resolve("plain.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new ZipEntry("a/B.class"));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
        assertThat(UnsignedJars.of(jar, cache)).isEqualTo(jar);
        assertThat(cache.resolve(UnsignedJars.FOLDER)).doesNotExist();
    }

    @Test
    void whenNoCopyCanBeWrittenTheSignedJarIsUsed() throws Exception {
        Path jgit = Path.of(org.eclipse.jgit.lib.Repository.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path notAFolder = cache.resolve("file");
        Files.writeString(notAFolder, "the cache folder's place is taken by a file");
        assertThat(UnsignedJars.of(jgit, notAFolder)).isEqualTo(jgit);
        assertThat(UnsignedJars.of(cache.resolve("missing.jar"), cache)).isEqualTo(cache.resolve("missing.jar"));
    }

    @Test
    void signatureFilesAreTheOnesDirectlyUnderMetaInf() {
        assertThat(UnsignedJars.isSignatureFile("META-INF/ECLIPSE_.SF")).isTrue();
        assertThat(UnsignedJars.isSignatureFile("META-INF/ECLIPSE_.RSA")).isTrue();
        assertThat(UnsignedJars.isSignatureFile("meta-inf/key.dsa")).isTrue();
        assertThat(UnsignedJars.isSignatureFile("META-INF/KEY.EC")).isTrue();
        assertThat(UnsignedJars.isSignatureFile("META-INF/MANIFEST.MF")).isFalse();
        assertThat(UnsignedJars.isSignatureFile("META-INF/services/x.SF")).isFalse();
        assertThat(UnsignedJars.isSignatureFile("org/eclipse/A.RSA")).isFalse();
    }

    private static List<String> names(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    private static byte[] bytes(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }
}
