package dev.confiture.runner.migration;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sums are stored in every project's tracking table, so they are pinned here as literals,
 * computed by the implementation that wrote them (before {@link Checksums.PairHasher}): a change
 * in how files are read, normalised or hashed that changed one would make every applied migration
 * look modified.
 */
class ChecksumsTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void pairSumsAreTheOnesTrackingTablesAlreadyHold() throws IOException {
        Path crlfUp = file("1_a.up.sql", "CREATE TABLE a (id int);\r\n\r\n");
        Path crlfDown = file("1_a.down.sql", "DROP TABLE a;\r\n");
        Path alone = file("2_b.up.sql", "CREATE TABLE b (id int);");
        Path strayUp = file("3_c.up.sql", "x\ry\r\r\n\n\r");
        Path strayDown = file("3_c.down.sql", "\n\n");
        Path emptyUp = file("4_d.up.sql", "");
        Path emptyDown = file("4_d.down.sql", "");

        // one hasher for all, as a listing uses it: each pair starts from a clean digest
        Checksums.PairHasher hasher = new Checksums.PairHasher();
        assertThat(hasher.ofPair(crlfUp, crlfDown)).isEqualTo(new Checksums.OfPair(
                "175b5d3746b13acc6638b5d38feb0059ff3aaa6c50349a5f70a8b50a9c38f30c",
                "168f4af76cbece82a4185c6c57366e07883c6e4155f25ce28559018d99433b81"));
        assertThat(hasher.ofPair(alone, null)).isEqualTo(new Checksums.OfPair(
                "df0dd3784e67dd23f12c95b997bf234748ba8fbbe91e878c3c2ea1f895025341",
                "4bb1b96da8a8ff31ab1452f118fb64d1f550dfe81a3ed7631b054918ef0aa988"));
        assertThat(hasher.ofPair(strayUp, strayDown)).isEqualTo(new Checksums.OfPair(
                "027aec1a8ee0206497d3c08d0a3ec84de25f8c62d71f737ff17bb25d8f7558f5",
                "029adb4e81fda56ca4173173940e5c2015e946d72ea36dc52a16db3cc3b1c810"));
        assertThat(hasher.ofPair(emptyUp, emptyDown)).isEqualTo(new Checksums.OfPair(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

        assertThat(Checksums.ofPair(crlfUp, crlfDown)).isEqualTo(hasher.ofPair(crlfUp, crlfDown));
        assertThat(Checksums.ofFiles(strayUp, strayDown)).isEqualTo("027aec1a8ee0206497d3c08d0a3ec84de25f8c62d71f737ff17bb25d8f7558f5");
        assertThat(Checksums.ofUp(strayUp)).isEqualTo("029adb4e81fda56ca4173173940e5c2015e946d72ea36dc52a16db3cc3b1c810");
        assertThat(Checksums.ofFilesRaw(crlfUp, crlfDown)).isEqualTo("2c55c6410ac2814bccc2f8c48ea8677b69f50a9211750c09b8e11140772f496b");
        assertThat(Checksums.ofFilesRaw(strayUp, strayDown)).isEqualTo("7071b544839c8cca4fa36f4297a6b8b800ef9579306f43fc8378c90ff44bb8a2");
    }

    @Test
    void aMigrationInsideAJarSumsAsTheSameFileOnDisk() throws IOException {
        Path up = file("1_a.up.sql", "CREATE TABLE a (id int);\r\n\r\n");
        Path down = file("1_a.down.sql", "DROP TABLE a;\r\n");
        Path jar = dir.resolve("migrations.jar");
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of("create", "true"))) {
            Files.copy(up, zip.getPath("1_a.up.sql"));
            Files.copy(down, zip.getPath("1_a.down.sql"));
        }
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            assertThat(new Checksums.PairHasher().ofPair(zip.getPath("1_a.up.sql"), zip.getPath("1_a.down.sql")))
                    .isEqualTo(Checksums.ofPair(up, down));
        }
    }

    @Test
    void aPairThatCouldNotBeReadLeavesTheNextPairsSumsIntact() throws IOException {
        Path up = file("1_a.up.sql", "CREATE TABLE a (id int);\r\n\r\n");
        Path down = file("1_a.down.sql", "DROP TABLE a;\r\n");
        Checksums.PairHasher hasher = new Checksums.PairHasher();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hasher.ofPair(up, dir.resolve("gone.down.sql")))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("gone.down.sql");
        assertThat(hasher.ofPair(up, down)).isEqualTo(new Checksums.OfPair(
                "175b5d3746b13acc6638b5d38feb0059ff3aaa6c50349a5f70a8b50a9c38f30c",
                "168f4af76cbece82a4185c6c57366e07883c6e4155f25ce28559018d99433b81"));
    }

    /** The SHA-256 of the text, in hex, computed here without Checksums. */
    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void oneHasherReadsALargeFileThenASmallOneWithoutMixingTheirBytes() throws Exception {
        // larger than the read buffer (8 KB) and not a multiple of it, CRLF endings across the boundaries
        String large = "INSERT INTO t VALUES ('é');\r\n".repeat(2_000);
        Path bigUp = file("1_big.up.sql", large);
        Path smallUp = file("2_small.up.sql", "SELECT 1;\n");
        Path smallDown = file("2_small.down.sql", "SELECT 2;");

        Checksums.PairHasher hasher = new Checksums.PairHasher();
        String normalisedLarge = large.replace("\r\n", "\n").stripTrailing();
        assertThat(hasher.ofPair(bigUp, null)).isEqualTo(new Checksums.OfPair(sha256(normalisedLarge + "\0"),
                sha256(normalisedLarge)));
        // the small pair after it: nothing of the large file's bytes is left in the sums
        assertThat(hasher.ofPair(smallUp, smallDown)).isEqualTo(new Checksums.OfPair(sha256("SELECT 1;\0SELECT 2;"),
                sha256("SELECT 1;")));
        assertThat(Checksums.ofFilesRaw(bigUp, smallDown)).isEqualTo(sha256(large + "\0SELECT 2;"));
    }
}
