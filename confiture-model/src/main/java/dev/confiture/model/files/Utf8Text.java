package dev.confiture.model.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.confiture.model.ConfitureException;

/**
 * The one way Confiture turns a file's bytes into text: strict UTF-8. A byte sequence that is not
 * UTF-8 (a file saved as Latin-1 or Windows-1252) is an error naming the file, the byte offset and
 * line of the first bad byte and the byte itself, rather than a replacement character silently
 * changing a string literal or a checksum-equal file reading differently.
 */
public final class Utf8Text {

    private Utf8Text() {
    }

    /** The file's text; {@code code} is the error code for a file that cannot be read or is not UTF-8. */
    public static String read(Path file, String code) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfitureException(code, "Could not read " + file + ": " + e.getMessage(), file, 0, false, e);
        }
        return decode(bytes, 0, file, code);
    }

    /**
     * {@code bytes} from {@code start} decoded as UTF-8; {@code file} (named in the error, nullable) is
     * where they came from. Offsets in the error count from the start of {@code bytes}.
     */
    public static String decode(byte[] bytes, int start, Path file, String code) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        // UTF-8 never gives more chars than bytes (a 4-byte sequence gives a surrogate pair)
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw notUtf8(bytes, in.position(), file, code);
        }
        return out.flip().toString();
    }

    private static ConfitureException notUtf8(byte[] bytes, int offset, Path file, String code) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        String value = offset < bytes.length ? String.format("0x%02X", bytes[offset] & 0xff) : "the end of the file";
        return new ConfitureException(code, "is not UTF-8 text: the byte at offset " + offset + " (line " + line + ") is "
                + value + ", which UTF-8 does not allow there. Confiture reads SQL and environment files as UTF-8;"
                + " save the file as UTF-8 (it was probably saved as Latin-1 or Windows-1252).", file, line, true, null);
    }
}
