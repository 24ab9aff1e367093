package dev.confiture.runner.db;

import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;

/**
 * The tracking table's name as configured ({@code confiture_migrations} or
 * {@code ops.confiture_migrations}), quoted for SQL. Plain identifiers only: the name ends up in
 * DDL, so anything else is refused.
 */
public record TableName(String schema, String table) {

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    public static final String DEFAULT = "confiture_migrations";

    public static TableName parse(String configured) {
        String text = configured == null || configured.isBlank() ? DEFAULT : configured.trim();
        String[] parts = text.split("\\.", -1);
        if (parts.length > 2 || !IDENT.matcher(parts[parts.length - 1]).matches()
                || (parts.length == 2 && !IDENT.matcher(parts[0]).matches())) {
            throw new ConfitureException("TRACKING_TABLE_BAD_NAME", "'" + text
                    + "' is not a usable tracking table name: use table or schema.table (letters, digits, _)");
        }
        return parts.length == 2 ? new TableName(parts[0].toLowerCase(java.util.Locale.ROOT),
                parts[1].toLowerCase(java.util.Locale.ROOT))
                : new TableName(null, parts[0].toLowerCase(java.util.Locale.ROOT));
    }

    public String sql() {
        return (schema == null ? "" : quote(schema) + ".") + quote(table);
    }

    public String display() {
        return (schema == null ? "" : schema + ".") + table;
    }

    private static String quote(String ident) {
        return "\"" + ident + "\"";
    }
}
