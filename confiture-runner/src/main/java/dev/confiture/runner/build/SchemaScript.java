package dev.confiture.runner.build;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.confiture.sql.MetaCommand;
import dev.confiture.sql.SqlSplitter;
import dev.confiture.sql.SqlStatement;

/**
 * The concatenated schema of one environment, as written to {@code target/confiture/schema_<env>.sql}.
 * The text depends only on the inputs (relative paths and contents): no timestamp, no absolute path,
 * so identical inputs give a byte-identical file and the same SHA-256 in its header.
 */
public record SchemaScript(String environment, String sha256, String text, List<BuildSource> sources,
                           List<SqlSplitter.Cut> cuts) {

    /** {@code cuts}: each source's content split by {@link SqlSplitter}, in the order of {@code sources}. */
    public SchemaScript {
        sources = List.copyOf(sources);
        cuts = List.copyOf(cuts);
        if (cuts.size() != sources.size()) {
            throw new IllegalArgumentException(sources.size() + " sources but " + cuts.size() + " cuts");
        }
    }

    /** Composes the script of the given sources, in the order given. */
    public static SchemaScript compose(String environment, List<BuildSource> sources) {
        String hash = hash(sources);
        long seeds = sources.stream().filter(BuildSource::seed).count();
        StringBuilder text = new StringBuilder();
        text.append("-- Confiture schema for environment: ").append(environment).append('\n');
        text.append("-- Inputs: ").append(sources.size()).append(" files (")
                .append(sources.size() - seeds).append(" schema, ").append(seeds).append(" seed)\n");
        text.append("-- SHA-256 of the inputs: ").append(hash).append('\n');
        text.append("-- Written by confiture:build from the environment's includes: edit those files, not this one.\n");
        // Each input is split once, here: its statements and meta-commands are read from these cuts
        // (splitting musicbrainz's 620 KB three times cost a tenth of a second on a cold JVM).
        List<SqlSplitter.Cut> cuts = new java.util.ArrayList<>(sources.size());
        for (BuildSource source : sources) {
            SqlSplitter.Cut cut = SqlSplitter.cut(source.content(), java.nio.file.Path.of(source.relativePath()));
            cuts.add(cut);
            text.append('\n').append("-- File: ").append(source.relativePath()).append('\n');
            text.append(source.content());
            if (!source.content().isEmpty() && !source.content().endsWith("\n")) {
                text.append('\n');
            }
            if (cut.endsUnterminated()) {
                // Its last statement lacks ';': psql would run it together with the next file's first.
                text.append(";\n");
            }
        }
        return new SchemaScript(environment, hash, text.toString(), sources, cuts);
    }

    /**
     * SHA-256 over each input's relative path and content, in order. Lengths are hashed too, so
     * that moving text from the end of one file to the start of the next changes the hash.
     */
    static String hash(List<BuildSource> sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (BuildSource source : sources) {
                byte[] path = source.relativePath().getBytes(StandardCharsets.UTF_8);
                byte[] content = source.content().getBytes(StandardCharsets.UTF_8);
                digest.update((path.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(path);
                digest.update((content.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(content);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * The statements of the script, split file by file (a statement never spans two files), each
     * with its file, its line in that file and its line in the written script.
     */
    public List<MappedStatement> statements() {
        List<MappedStatement> statements = new ArrayList<>();
        int scriptLine = 4; // header lines
        for (int i = 0; i < sources.size(); i++) {
            BuildSource source = sources.get(i);
            int firstContentLine = scriptLine + 3; // blank line and "-- File:" comment precede the content
            SqlSplitter.Cut cut = cuts.get(i);
            for (SqlStatement statement : cut.statements()) {
                statements.add(new MappedStatement(statement.sql(), source.relativePath(), source.file(),
                        statement.line(), firstContentLine + statement.line() - 1, statement.copyData()));
            }
            // and the ';' line compose wrote after a file that ends unterminated
            scriptLine = firstContentLine - 1 + lineCount(source.content()) + (cut.endsUnterminated() ? 1 : 0);
        }
        return statements;
    }

    /**
     * The psql meta-commands of the inputs ({@code \\restrict} and {@code \\connect} lines of pg_dump
     * output), which are not SQL and are skipped when the script is applied: {@code path:line \\command}
     * each, in script order.
     */
    public List<String> skippedMetaCommands() {
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            for (MetaCommand m : cuts.get(i).metaCommands()) {
                skipped.add(sources.get(i).relativePath() + ":" + m.line() + " " + m.command());
            }
        }
        return skipped;
    }

    private static int lineCount(String content) {
        if (content.isEmpty()) {
            return 0;
        }
        int lines = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                lines++;
            }
        }
        return content.endsWith("\n") ? lines : lines + 1;
    }
}
