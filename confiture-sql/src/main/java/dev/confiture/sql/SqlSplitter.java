package dev.confiture.sql;

import dev.confiture.model.ConfitureException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a PostgreSQL script into statements the way psql does when it runs a file.
 *
 * <p>Tokens are read by {@link SqlLexer}, the same rules the DDL interpreter reads them by.
 * A statement ends at a {@code ;} that is outside of: standard strings ({@code 'it''s'}),
 * {@code E''} strings (backslash escapes), {@code U&''} strings, dollar quotes ({@code $$},
 * {@code $tag$}; {@code $1} is a parameter), quoted identifiers ({@code "a;b"}), {@code --} and
 * nested {@code /* *}{@code /} comments, parentheses, and the {@code BEGIN ATOMIC ... END} body of a
 * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} (PostgreSQL 14+). The last two follow psql's
 * own heuristic (psqlscan.l), so a script is cut exactly where psql would cut it.
 *
 * <p>Statement text leaves out the {@code ;}, leading and trailing comments and whitespace;
 * statements with nothing but comments are dropped; a final statement without {@code ;} is kept.
 * Its line and column are those of its first character after any leading comment. A byte-order
 * mark at the start, or where a statement could start (files concatenated from several editors),
 * is ignored. A backslash outside quotes and comments starts a psql meta-command
 * ({@code \connect db}, {@code \i file}, pg_dump's {@code \restrict KEY}), which reaches to the end of
 * its line: it is not SQL, so it is left out of the statements (where a statement would start) and
 * reported in {@link Cut#metaCommands()}, never dropped silently; each caller decides what a
 * meta-command means for it (a migration refuses it, {@code build} says it skipped it).
 * The data lines after {@code COPY ... FROM stdin;} up to {@code \.} go to
 * {@link SqlStatement#copyData()}.
 */
public final class SqlSplitter {

    /** The code of the {@link ConfitureException} for a quote, dollar quote or comment left open. */
    public static final String UNTERMINATED = "SQL_UNTERMINATED";

    private SqlSplitter() {
    }

    public static List<SqlStatement> split(String script) {
        return split(script, null);
    }

    /** As {@link #split(String)}; {@code file} (nullable) is named in errors. */
    public static List<SqlStatement> split(String script, Path file) {
        return cut(script, file).statements();
    }

    /**
     * A script's statements, whether its last one has no terminating {@code ;} (psql would wait
     * for more, and joins it to whatever text follows, such as the next file of a concatenation), and
     * the psql meta-commands met on the way, in script order.
     */
    public record Cut(List<SqlStatement> statements, boolean endsUnterminated, List<MetaCommand> metaCommands) {
        public Cut {
            statements = List.copyOf(statements);
            metaCommands = List.copyOf(metaCommands);
        }
    }

    /** {@link #split(String, Path)} and whether the script ends unterminated, in one pass. */
    public static Cut cut(String script, Path file) {
        String text = !script.isEmpty() && script.charAt(0) == '\uFEFF' ? script.substring(1) : script;
        Run run = new Run(new SqlLexer(text, file));
        List<SqlStatement> statements = run.statements();
        return new Cut(statements, run.endedUnterminated, run.metaCommands);
    }

    /** One pass over the script; the state psql keeps between tokens of one statement. */
    private static final class Run {
        private final SqlLexer lx;
        private final String s;
        private final List<SqlStatement> out = new ArrayList<>();
        private final List<MetaCommand> metaCommands = new ArrayList<>();
        private int start = -1;      // first significant character of the pending statement
        private int end = -1;        // just after its last significant token
        private int parenDepth;
        private int beginDepth;
        private int wordCount;
        private final char[] leadingWords = new char[4];
        private boolean endedUnterminated;

        Run(SqlLexer lx) {
            this.lx = lx;
            this.s = lx.text;
        }

        List<SqlStatement> statements() {
            while (true) {
                lx.skipSpaceAndComments();
                if (lx.pos >= lx.length) {
                    break;
                }
                char c = s.charAt(lx.pos);
                if (start < 0 && c == '\uFEFF') {
                    // The byte-order marks of files concatenated from several editors, between statements.
                    lx.pos++;
                    continue;
                }
                if (start < 0 && c == '\\') {
                    // A psql meta-command (pg_dump's \restrict, \connect, \set ...): not SQL.
                    metaCommand();
                    continue;
                }
                SqlToken.Kind kind = lx.advance();
                if (start < 0) {
                    start = lx.tokenStart();
                }
                if (kind == SqlToken.Kind.PUNCT && c == ';' && parenDepth == 0 && beginDepth == 0) {
                    emit();
                    continue;
                }
                token(kind, c);
                end = lx.pos;
            }
            if (start >= 0) {
                endedUnterminated = true;
                emit();
            }
            return List.copyOf(out);
        }

        private void token(SqlToken.Kind kind, char c) {
            if (kind == SqlToken.Kind.PUNCT && c == '(') {
                parenDepth++;
            } else if (kind == SqlToken.Kind.PUNCT && c == ')') {
                if (parenDepth > 0) {
                    parenDepth--;
                }
            } else if (kind == SqlToken.Kind.WORD) {
                trackBeginAtomic(s.substring(lx.tokenStart(), lx.pos).toLowerCase(Locale.ROOT));
            } else if (c == '\\') {
                // psql takes a backslash anywhere outside quotes as a meta-command (PostgreSQL's own
                // grammar has no use for one); the statement around it keeps its text.
                lx.pos = lx.tokenStart();
                metaCommand();
            }
        }

        /**
         * psql's heuristic for SQL-standard function bodies: in a statement starting with
         * CREATE [OR REPLACE] FUNCTION|PROCEDURE, outside parentheses, BEGIN opens a block, CASE
         * inside a block opens one too, and END closes one; semicolons inside a block do not end
         * the statement.
         */
        private void trackBeginAtomic(String w) {
            if (wordCount < leadingWords.length
                    && (w.equals("create") || w.equals("function") || w.equals("procedure") || w.equals("or") || w.equals("replace"))) {
                leadingWords[wordCount] = w.charAt(0);
            }
            wordCount++;
            char[] l = leadingWords;
            boolean routine = l[0] == 'c' && (l[1] == 'f' || l[1] == 'p' || (l[1] == 'o' && l[2] == 'r' && (l[3] == 'f' || l[3] == 'p')));
            if (!routine || parenDepth != 0) {
                return;
            }
            switch (w) {
                case "begin" -> beginDepth++;
                case "case" -> {
                    if (beginDepth >= 1) {
                        beginDepth++;
                    }
                }
                case "end" -> {
                    if (beginDepth > 0) {
                        beginDepth--;
                    }
                }
                default -> {
                }
            }
        }

        /** At a backslash: records the meta-command's name and moves to the end of its line. */
        private void metaCommand() {
            int at = lx.pos;
            int j = at + 1;
            while (j < lx.length && !SqlLexer.isSpace(s.charAt(j)) && s.charAt(j) != '\\') {
                j++;
            }
            metaCommands.add(new MetaCommand(s.substring(at, j), lx.lineOf(at)));
            lx.skipToEndOfLine();
        }

        private void emit() {
            if (start >= 0 && end > start) {
                String sql = s.substring(start, end);
                String copyData = SqlStatements.isCopyFromStdin(sql) ? readCopyData() : null;
                out.add(new SqlStatement(sql, lx.lineOf(start), lx.columnOf(start), copyData));
            }
            start = -1;
            end = -1;
            parenDepth = 0;
            beginDepth = 0;
            wordCount = 0;
            Arrays.fill(leadingWords, '\0');
        }

        /** The lines after the one holding the COPY's semicolon, up to a line that is exactly {@code \.} (or the end). */
        private String readCopyData() {
            int eol = s.indexOf('\n', lx.pos);
            if (eol < 0) {
                lx.pos = lx.length;
                return "";
            }
            int dataStart = eol + 1;
            int lineStart = dataStart;
            while (lineStart < lx.length) {
                int nl = s.indexOf('\n', lineStart);
                int lineEnd = nl < 0 ? lx.length : nl;
                String line = s.substring(lineStart, lineEnd);
                if (line.equals("\\.") || line.equals("\\.\r")) {
                    lx.pos = lineEnd;
                    return s.substring(dataStart, lineStart);
                }
                lineStart = nl < 0 ? lx.length : nl + 1;
            }
            lx.pos = lx.length;
            return s.substring(dataStart);
        }
    }
}
