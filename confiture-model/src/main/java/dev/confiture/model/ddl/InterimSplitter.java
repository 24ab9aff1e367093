package dev.confiture.model.ddl;

import dev.confiture.model.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;

/** Temporary: cuts a script at top-level semicolons until the project's SqlSplitter lands. */
final class InterimSplitter {
    private InterimSplitter() {
    }

    static List<SqlStatement> split(String script) {
        List<Token> tokens = Lexer.tokenize(script);
        List<SqlStatement> out = new ArrayList<>();
        int start = -1;
        int startLine = 0;
        int depth = 0;
        for (Token t : tokens) {
            if (start < 0) {
                if (t.isPunct(";")) {
                    continue;
                }
                start = t.offset();
                startLine = t.line();
            }
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
            } else if (t.isPunct(";") && depth <= 0 && !inBeginAtomic(script, start, t.offset())) {
                out.add(new SqlStatement(script.substring(start, t.offset()).trim(), startLine + 1, 1));
                start = -1;
                depth = 0;
            }
        }
        if (start >= 0 && !script.substring(start).isBlank()) {
            out.add(new SqlStatement(script.substring(start).trim(), startLine + 1, 1));
        }
        return out;
    }

    private static boolean inBeginAtomic(String script, int start, int end) {
        String s = script.substring(start, end).toLowerCase(java.util.Locale.ROOT);
        return s.contains("begin atomic") && !s.matches("(?s).*\\bend\\s*$");
    }
}
