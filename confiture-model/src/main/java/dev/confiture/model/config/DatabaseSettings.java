package dev.confiture.model.config;

/**
 * Where to connect: a JDBC URL without credentials ({@code jdbc:postgresql://host:5432/db}) and the
 * user and password apart from it, so that the password can be kept out of every log line, message
 * and report. The URL may still carry other secret parameters ({@code sslpassword=...}): show it
 * through {@link #displayUrl()} or {@link #describe()}, never {@link #jdbcUrl()}. {@link #toString()}
 * never shows a secret.
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

    /**
     * These settings where a URL's own credentials come first: the user and password given here
     * fill in what the URL lacks. A fallback password goes only with the fallback user, never with
     * another user the URL names.
     */
    public DatabaseSettings withFallbackCredentials(String fallbackUser, String fallbackPassword) {
        if (user == null || user.isEmpty()) {
            return new DatabaseSettings(jdbcUrl, fallbackUser, password != null ? password : fallbackPassword);
        }
        if (password == null && user.equals(fallbackUser)) {
            return new DatabaseSettings(jdbcUrl, user, fallbackPassword);
        }
        return this;
    }

    /** The JDBC URL with every secret parameter masked ({@link UrlMasker}): safe for logs, messages and reports. */
    public String displayUrl() {
        return UrlMasker.mask(jdbcUrl);
    }

    /** {@code jdbc:postgresql://host:5432/db as alice}, secrets masked: safe for logs. */
    public String describe() {
        return displayUrl() + (user == null ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + (password == null ? "" : ", password=***") + "]";
    }
}
