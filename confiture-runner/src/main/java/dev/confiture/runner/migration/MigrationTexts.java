package dev.confiture.runner.migration;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.confiture.model.files.Utf8Text;
import dev.confiture.sql.SqlSplitter;

/**
 * The text of each migration (and callback) file of one run, read once, and its statements cut
 * once. A migrate checks every pending file for what no migration may contain and for unknown
 * placeholders before the first one runs, then runs them: read and cut at each step, a run of 500
 * migrations read 3,000 files and lexed 1,500 scripts where 1,000 and 1,000 do. Make one per run,
 * so that the next run reads the files as they are then (verify makes one for all the operations it
 * runs on its scratch databases). Safe to share between threads: two that ask for the same file at
 * once may both read it, and keep the same text.
 */
public final class MigrationTexts {

    private final Map<Path, String> texts = new ConcurrentHashMap<>();
    /** The last cut of each file, with the text it was cut from. */
    private final Map<Path, Cut> cuts = new ConcurrentHashMap<>();

    private record Cut(String text, SqlSplitter.Cut cut) {
    }

    /** The file as UTF-8 text; an unreadable or non-UTF-8 file fails with {@link MigrationStatements#UNREADABLE}. */
    public String read(Path file) {
        String text = texts.get(file);
        if (text == null) {
            text = Utf8Text.read(file, MigrationStatements.UNREADABLE);
            texts.put(file, text);
        }
        return text;
    }

    /**
     * {@code text} (the file's text, or that text with its placeholders replaced) cut into statements
     * as psql would; the same text of the same file is cut once.
     */
    public SqlSplitter.Cut cut(Path file, String text) {
        Cut last = cuts.get(file);
        if (last != null && last.text().equals(text)) {
            return last.cut();
        }
        SqlSplitter.Cut cut = SqlSplitter.cut(text, file);
        cuts.put(file, new Cut(text, cut));
        return cut;
    }
}
