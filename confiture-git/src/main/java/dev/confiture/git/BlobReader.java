package dev.confiture.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.Utf8Text;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Reads SQL files out of git objects, never the working directory. Contents are streamed (JGit
 * keeps large blobs out of its cache, so a huge file is read once, linearly) and cached by blob id,
 * because the base and the target share most files. A file git would call binary (a NUL byte near
 * its start) or that is not UTF-8 is an error naming it: it cannot be a schema file.
 */
public final class BlobReader implements AutoCloseable {

    /** Larger than this cannot be held as one Java string; no schema file comes near it. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 64L;

    private final ObjectReader reader;
    private final Map<ObjectId, String> cache = new HashMap<>();

    BlobReader(ObjectReader reader) {
        this.reader = reader;
    }

    /** The text of {@code file}, decoded as UTF-8 (a leading byte-order mark dropped). */
    public String text(GitFile file) {
        String cached = cache.get(file.blob());
        if (cached != null) {
            return cached;
        }
        String text = decode(file, bytes(file));
        cache.put(file.blob().copy(), text);
        return text;
    }

    private byte[] bytes(GitFile file) {
        try {
            ObjectLoader loader = reader.open(file.blob(), Constants.OBJ_BLOB);
            if (loader.getSize() > MAX_BYTES) {
                throw new ConfitureException("VALIDATE_FILE_TOO_LARGE", "is " + loader.getSize()
                        + " bytes, more than a SQL file can be; remove it from the schema includes", Path.of(file.path()), 0);
            }
            try (InputStream in = loader.openStream()) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new ConfitureException("VALIDATE_GIT_ERROR", "Could not read blob " + file.blob().name()
                    + " from git: " + e.getMessage(), Path.of(file.path()), 0, false, e);
        }
    }

    private static String decode(GitFile file, byte[] bytes) {
        if (looksBinary(bytes)) {
            throw new ConfitureException("VALIDATE_BINARY_FILE", "is a binary file, not SQL text; remove it from the"
                    + " schema or migrations folder or mark it as not a .sql file", Path.of(file.path()), 0);
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        return Utf8Text.decode(bytes, start, Path.of(file.path()), "VALIDATE_NOT_UTF8");
    }

    /** Git's own test (buffer_is_binary): a NUL byte within the first 8000 bytes. */
    static boolean looksBinary(byte[] bytes) {
        int end = Math.min(bytes.length, 8000);
        for (int i = 0; i < end; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        reader.close();
    }
}
