package dev.confiture.coordination;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.QualifiedName;

/**
 * Reads the {@code tablesAffected} list the way PostgreSQL reads names: unqualified means
 * {@code public}, unquoted identifiers fold to lower case, {@code "Quoted"} ones keep their case
 * and may hold commas, dots and spaces. {@code public.users}, {@code Users} and {@code users} are
 * one table; {@code "Users"} is another.
 */
public final class TableNames {

    private static final int MAX_IDENTIFIER_BYTES = 63;

    private TableNames() {
    }

    /** The distinct tables of a comma list, in the order written; null or blank gives an empty list. */
    public static List<QualifiedName> parseList(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        String value = Inputs.text("tablesAffected", list, Inputs.MAX_TEXT);
        Set<QualifiedName> tables = new LinkedHashSet<>();
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw bad(value, "a double quote is not closed");
        }
        parts.add(current.toString());
        for (String part : parts) {
            if (part.isBlank()) {
                if (parts.size() > 1) {
                    throw bad(value, "an empty entry between commas");
                }
                continue;
            }
            tables.add(parse(part.trim()));
        }
        return List.copyOf(tables);
    }

    /** One table name: {@code users}, {@code public.users}, {@code "My Schema"."Order"}. */
    public static QualifiedName parse(String written) {
        List<String> identifiers = new ArrayList<>();
        int i = 0;
        int n = written.length();
        while (true) {
            while (i < n && Character.isWhitespace(written.charAt(i))) {
                i++;
            }
            if (i >= n) {
                throw bad(written, "a name is missing");
            }
            StringBuilder id = new StringBuilder();
            if (written.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw bad(written, "a double quote is not closed");
                    }
                    char c = written.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && written.charAt(i + 1) == '"') {
                            id.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    id.append(c);
                    i++;
                }
                if (id.length() == 0) {
                    throw bad(written, "\"\" is an empty identifier");
                }
                // a quoted name is printed in reports: it may not hold a line of its own
                Inputs.refuseControlCharacters("tablesAffected", id.toString());
            } else {
                int start = i;
                while (i < n && written.charAt(i) != '.' && !Character.isWhitespace(written.charAt(i))) {
                    char c = written.charAt(i);
                    boolean ok = Character.isLetter(c) || c == '_' || (i > start && (Character.isDigit(c) || c == '$'));
                    if (!ok) {
                        throw bad(written, "'" + c + "' at position " + (i + 1) + " is not allowed in an unquoted"
                                + " identifier (letters, digits, '_' and '$', not starting with a digit); quote the name"
                                + " as \"...\" if the table really is called that");
                    }
                    i++;
                }
                if (i == start) {
                    throw bad(written, "a name is missing");
                }
                id.append(written.substring(start, i).toLowerCase(java.util.Locale.ROOT));
            }
            if (id.toString().getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
                throw bad(written, "an identifier is longer than PostgreSQL's " + MAX_IDENTIFIER_BYTES + " bytes");
            }
            identifiers.add(id.toString());
            while (i < n && Character.isWhitespace(written.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (written.charAt(i) != '.') {
                throw bad(written, "unexpected '" + written.charAt(i) + "' at position " + (i + 1));
            }
            i++;
        }
        return switch (identifiers.size()) {
            case 1 -> QualifiedName.of("public", identifiers.get(0));
            case 2 -> QualifiedName.of(identifiers.get(0), identifiers.get(1));
            default -> throw bad(written, "expected table or schema.table, got " + identifiers.size() + " parts");
        };
    }

    private static ConfitureException bad(String written, String why) {
        return new ConfitureException("COORDINATION_BAD_TABLE_NAME", "tablesAffected '" + Inputs.preview(written)
                + "' is not a list of table names: " + why);
    }
}
