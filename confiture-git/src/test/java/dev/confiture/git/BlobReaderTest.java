package dev.confiture.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobReaderTest {

    @TempDir
    Path tmp;

    private GitFile committed(TestRepo repo, String path) {
        try (GitRepository git = GitRepository.open(repo.dir())) {
            return git.files(git.range("HEAD", true, false).target(), List.of(path)).files().get(path);
        }
    }

    @Test
    void aBinarySqlFileIsAnErrorNamingIt() {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        repo.writeBytes("db/schema/blob.sql", new byte[] {'C', 'R', 0, 1, 2, (byte) 0xff}).commit("binary");
        GitFile file = committed(repo, "db/schema/blob.sql");
        try (GitRepository git = GitRepository.open(repo.dir()); BlobReader blobs = git.blobs()) {
            assertThatThrownBy(() -> blobs.text(file))
                    .isInstanceOf(ConfitureException.class)
                    .hasMessageStartingWith("db/schema/blob.sql: is a binary file")
                    .satisfies(e -> assertThat(((ConfitureException) e).code()).isEqualTo("VALIDATE_BINARY_FILE"));
        }
    }

    @Test
    void textThatIsNotUtf8IsAnErrorAndAByteOrderMarkIsDropped() {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        repo.writeBytes("latin1.sql", "-- caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        repo.writeBytes("bom.sql", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'S', 'E', 'L'});
        repo.commit("encodings");
        GitFile latin1 = committed(repo, "latin1.sql");
        GitFile bom = committed(repo, "bom.sql");
        try (GitRepository git = GitRepository.open(repo.dir()); BlobReader blobs = git.blobs()) {
            assertThatThrownBy(() -> blobs.text(latin1)).hasMessageContaining("latin1.sql:1: is not UTF-8 text: the byte at offset 6 (line 1) is 0xE9");
            assertThat(blobs.text(bom)).isEqualTo("SEL");
        }
    }

    @Test
    void aFileLargerThanJGitsStreamingThresholdIsReadWhole() {
        // JGit streams blobs above its 50 MiB threshold instead of caching them; 60 MB crosses it.
        StringBuilder sb = new StringBuilder(60_000_000);
        String line = "-- " + "x".repeat(95) + "\n";
        while (sb.length() < 60_000_000) {
            sb.append(line);
        }
        sb.append("CREATE TABLE last_line (id int);\n");
        String content = sb.toString();
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        repo.write("huge.sql", content).commit("huge");
        GitFile file = committed(repo, "huge.sql");
        try (GitRepository git = GitRepository.open(repo.dir()); BlobReader blobs = git.blobs()) {
            String text = blobs.text(file);
            assertThat(text.length()).isEqualTo(content.length());
            assertThat(text).endsWith("CREATE TABLE last_line (id int);\n");
        }
    }
}
