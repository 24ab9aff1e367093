package dev.confiture.runner.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.SessionSetting;

/**
 * An environment's {@code session_settings:} as {@code SET} statements, applied on the session that
 * runs migrations before anything else runs on it (docs/configuration.md, "Session settings"). A
 * bad name is refused here; a bad value is refused by PostgreSQL, whose message the error quotes.
 */
public final class SessionSettings {

    public static final String CODE_INVALID = "SESSION_SETTING_INVALID";

    /** A setting's name as PostgreSQL spells them: {@code lock_timeout}, or {@code myapp.tenant} for a custom one. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    private SessionSettings() {
    }

    /** The statements for {@code settings}, in order; a name that is no setting name is an error naming where it was written. */
    public static List<String> statements(List<SessionSetting> settings) {
        List<String> out = new ArrayList<>();
        for (SessionSetting s : settings) {
            out.add(statement(s));
        }
        return out;
    }

    /**
     * {@code SET ROLE 'x'} for {@code role}, else {@code SET name TO 'v'}; a value with commas (a list
     * setting such as {@code search_path}) becomes one literal per element. Values are always quoted,
     * so they are data, never SQL.
     */
    public static String statement(SessionSetting s) {
        String name = s.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new ConfitureException(CODE_INVALID, "Session setting '" + s.name() + "' (" + s.source()
                    + ") is not a setting name: use PostgreSQL's name, e.g. lock_timeout, statement_timeout, role,"
                    + " search_path, or prefix.name for a custom one. Nothing was run.", s.file(), s.line(), false, null);
        }
        if (name.equalsIgnoreCase("role")) {
            return "SET ROLE " + literal(s.value().strip());
        }
        List<String> parts = new ArrayList<>();
        for (String part : s.value().split(",", -1)) {
            parts.add(literal(part.strip()));
        }
        return "SET " + name.toLowerCase(java.util.Locale.ROOT) + " TO " + String.join(", ", parts);
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Runs the statements on {@code c} (in autocommit): a refusal is an error quoting PostgreSQL, naming the setting and its source. */
    public static void apply(Connection c, List<SessionSetting> settings) {
        for (SessionSetting s : settings) {
            String sql = statement(s);
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new ConfitureException(CODE_INVALID, "Session setting " + s.name() + ": " + s.value() + " ("
                        + s.source() + ") was refused by PostgreSQL: " + e.getMessage() + " [SQLState "
                        + e.getSQLState() + "]. Nothing was run. Correct the setting in session_settings: or"
                        + " -D" + SessionSetting.PROPERTY + ".", s.file(), s.line(), false, e);
            }
        }
    }
}
