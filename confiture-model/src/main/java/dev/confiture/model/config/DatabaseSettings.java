package dev.confiture.model.config;

/**
 * Where to connect: a JDBC URL without credentials ({@code jdbc:postgresql://host:5432/db}) and the
 * user and password apart from it, so that the password can be kept out of every log line, message
 * and report. {@link #toString()} never shows the password.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    public DatabaseSettings withCredentials(String newUser, String newPassword) {
        return new DatabaseSettings(jdbcUrl, newUser, newPassword);
    }

    public DatabaseSettings withDatabase(String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?');
        String prefix = slash < 0 ? jdbcUrl : jdbcUrl.substring(0, slash);
        String suffix = query < 0 ? "" : jdbcUrl.substring(query);
        return new DatabaseSettings(prefix + "/" + database + suffix, user, password);
    }

    /** {@code jdbc:postgresql://host:5432/db as alice}: safe for logs. */
    public String describe() {
        return jdbcUrl + (user == null ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + (password == null ? "" : ", password=***") + "]";
    }
}
