package dev.confiture.model.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Utf8TextTest {

    @TempDir
    Path dir;

    @Test
    void aLatin1FileIsRefusedWithTheOffsetLineAndValueOfTheFirstBadByte() throws Exception {
        Path file = dir.resolve("001_cafe.up.sql");
        Files.write(file, "-- menu\nINSERT INTO t VALUES ('caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Utf8Text.read(file, "X_NOT_UTF8"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("X_NOT_UTF8");
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("is not UTF-8 text", "offset 34", "line 2", "0xE9",
                            "save the file as UTF-8");
                });
    }

    @Test
    void utf8IncludingFourByteCharactersReadsAsIs() throws Exception {
        Path file = dir.resolve("ok.sql");
        String text = "SELECT 'caf\u00e9 \uD83D\uDE00';";
        Files.writeString(file, text);
        assertThat(Utf8Text.read(file, "X")).isEqualTo(text);
    }

    @Test
    void aTruncatedSequenceAtTheEndIsReported() {
        byte[] bytes = {'a', (byte) 0xC3};
        assertThatThrownBy(() -> Utf8Text.decode(bytes, 0, null, "X"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.getMessage()).contains("offset 1"));
    }
}
