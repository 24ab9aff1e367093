package dev.confiture.lint;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.sql.SqlLexer;
import dev.confiture.sql.SqlToken;

/**
 * The schemas an unqualified name is looked up in, as a migration's own {@code SET search_path} /
 * {@code set_config('search_path', …)} statements leave them for the statements after it. A
 * migration starts with PostgreSQL's default ({@code "$user", public}; the user's schema is left
 * out, as no project keeps its tables there).
 */
record SearchPath(List<String> schemas) {

    static final SearchPath DEFAULT = new SearchPath(List.of("public"));

    SearchPath {
        schemas = List.copyOf(schemas);
    }

    /** The path after {@code sql} has run: changed by a SET, RESET or set_config of search_path, else this one. */
    SearchPath after(String sql) {
        List<SqlToken> t = SqlLexer.tokenize(sql);
        int i = 0;
        if (word(t, i, "reset") && word(t, i + 1, "search_path")) {
            return DEFAULT;
        }
        if (word(t, i, "set")) {
            i++;
            if (word(t, i, "session") || word(t, i, "local")) {
                i++;
            }
            if (!word(t, i, "search_path")) {
                return this;
            }
            i++;
            if (i < t.size() && (t.get(i).text().equals("=") || word(t, i, "to"))) {
                i++;
            }
            if (word(t, i, "default")) {
                return DEFAULT;
            }
            List<String> schemas = new ArrayList<>();
            for (; i < t.size(); i++) {
                SqlToken token = t.get(i);
                if (token.kind() == SqlToken.Kind.WORD || token.kind() == SqlToken.Kind.QUOTED_IDENT
                        || token.kind() == SqlToken.Kind.STRING) {
                    schemas.add(token.value());
                }
            }
            return of(schemas);
        }
        // SELECT pg_catalog.set_config('search_path', 'a, b', false), as pg_dump writes it
        for (int k = 0; k + 4 < t.size(); k++) {
            if (word(t, k, "set_config") && t.get(k + 1).text().equals("(") && t.get(k + 2).kind() == SqlToken.Kind.STRING
                    && t.get(k + 2).value().equals("search_path") && t.get(k + 4).kind() == SqlToken.Kind.STRING) {
                List<String> schemas = new ArrayList<>();
                for (String item : t.get(k + 4).value().split(",")) {
                    String s = item.trim();
                    if (!s.isEmpty()) {
                        schemas.add(s.startsWith("\"") ? Identifiers.fold(s) : Identifiers.downcase(s));
                    }
                }
                return of(schemas);
            }
        }
        return this;
    }

    /** The path without {@code $user}, which names no project schema; the default when nothing is left. */
    private static SearchPath of(List<String> schemas) {
        List<String> kept = schemas.stream().filter(s -> !s.equals("$user")).toList();
        return kept.isEmpty() ? DEFAULT : new SearchPath(kept);
    }

    private static boolean word(List<SqlToken> t, int i, String word) {
        return i < t.size() && t.get(i).kind() == SqlToken.Kind.WORD && t.get(i).value().equals(word);
    }
}
