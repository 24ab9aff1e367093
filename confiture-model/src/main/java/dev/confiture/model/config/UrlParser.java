package dev.confiture.model.config;

import dev.confiture.model.ConfitureException;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The database URL forms users write, turned into {@link DatabaseSettings} (a JDBC URL without
 * credentials, and the user and password apart):
 * <ul>
 * <li>{@code postgresql://user:password@host:5432/db?sslmode=require} and {@code postgres://...}
 *     (libpq's form; user and password percent-decoded; several {@code host:port} separated by
 *     commas are kept; an empty host means localhost)</li>
 * <li>{@code jdbc:postgresql://host:5432/db?user=alice&password=secret&ssl=true} (the driver's form;
 *     {@code user} and {@code password} parameters taken out, the others kept), and its short form
 *     {@code jdbc:postgresql:db} (localhost)</li>
 * </ul>
 * Other query parameters are passed to the JDBC URL as they are. Error messages show the URL
 * with its secrets masked ({@link UrlMasker}).
 */
public final class UrlParser {

    public static final String INVALID_URL = "DATABASE_URL_INVALID";

    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private UrlParser() {
    }

    /** As {@link #parse(String, String, Path, int)} without a file. */
    public static DatabaseSettings parse(String url, String source) {
        return parse(url, source, null, 0);
    }

    /**
     * @param source what the URL came from, for messages ({@code -Dconfiture.url}, {@code database_url}, ...)
     * @param file   the file it was read from, or null
     * @param line   its line in that file, or 0
     */
    public static DatabaseSettings parse(String url, String source, Path file, int line) {
        String u = url == null ? "" : url.strip();
        String rest;
        boolean jdbc;
        if (startsWithIgnoreCase(u, "jdbc:postgresql://")) {
            rest = u.substring("jdbc:postgresql://".length());
            jdbc = true;
        } else if (startsWithIgnoreCase(u, "jdbc:postgresql:") && !u.substring("jdbc:postgresql:".length()).startsWith("/")) {
            // The driver's short form jdbc:postgresql:database means localhost.
            rest = "/" + u.substring("jdbc:postgresql:".length());
            jdbc = true;
        } else if (startsWithIgnoreCase(u, "postgresql://")) {
            rest = u.substring("postgresql://".length());
            jdbc = false;
        } else if (startsWithIgnoreCase(u, "postgres://")) {
            rest = u.substring("postgres://".length());
            jdbc = false;
        } else {
            throw invalid(source, u, "it must start with postgresql://, postgres:// or jdbc:postgresql://", file, line);
        }

        int at = credentialsEnd(rest);
        String userInfo = at < 0 ? null : rest.substring(0, at);
        String afterAt = at < 0 ? rest : rest.substring(at + 1);
        int query = afterAt.indexOf('?');
        String hostAndPath = query < 0 ? afterAt : afterAt.substring(0, query);
        String queryText = query < 0 ? "" : afterAt.substring(query + 1);

        int slash = hostAndPath.indexOf('/');
        String hosts = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String database = slash < 0 ? "" : hostAndPath.substring(slash + 1);
        if (database.isEmpty()) {
            throw invalid(source, u, "it names no database; add /<database> after the host", file, line);
        }
        if (database.contains("/")) {
            throw invalid(source, u, "the database name may not contain '/'", file, line);
        }
        String checkedHosts = checkHosts(hosts, source, u, file, line);

        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon), source, u, file, line);
            password = colon < 0 ? null : percentDecode(userInfo.substring(colon + 1), source, u, file, line);
            if (user.isEmpty()) {
                user = null;
            }
        }

        List<String> kept = new ArrayList<>();
        if (!queryText.isEmpty()) {
            for (String param : queryText.split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq);
                String raw = eq < 0 ? "" : param.substring(eq + 1);
                if (key.equals("user")) {
                    user = decodeParam(raw, jdbc, source, u, file, line);
                } else if (key.equals("password")) {
                    password = decodeParam(raw, jdbc, source, u, file, line);
                } else {
                    decodeParam(raw, jdbc, source, u, file, line); // only to reject a malformed %-escape here rather than at connect
                    kept.add(param);
                }
            }
        }
        String jdbcUrl = "jdbc:postgresql://" + checkedHosts + "/" + database + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new DatabaseSettings(jdbcUrl, user, password);
    }

    /**
     * Where the credentials end in the text after {@code scheme://}: the last {@code @} followed by a
     * host part and a {@code /database} (a {@code /} before any {@code ?}), so that a password may hold
     * unencoded {@code @ / ?} and a query parameter an {@code @}. -1 when there are no credentials.
     */
    private static int credentialsEnd(String rest) {
        for (int at = rest.lastIndexOf('@'); at >= 0; at = rest.lastIndexOf('@', at - 1)) {
            int slash = rest.indexOf('/', at);
            int query = rest.indexOf('?', at);
            if (slash >= 0 && (query < 0 || slash < query)) {
                return at;
            }
        }
        int last = rest.lastIndexOf('@');
        int firstSlashOrQuery = firstOf(rest, '/', '?');
        // No database after any @: take an @ before the path if there is one, so the error below names the right part.
        return last >= 0 && (firstSlashOrQuery < 0 || last < firstSlashOrQuery) ? last : -1;
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String checkHosts(String hosts, String source, String url, Path file, int line) {
        if (hosts.isEmpty()) {
            return "localhost";
        }
        for (String hp : hosts.split(",", -1)) {
            String host;
            String port = null;
            if (hp.startsWith("[")) {
                int close = hp.indexOf(']');
                if (close < 0) {
                    throw invalid(source, url, "an IPv6 host opened with [ is not closed with ]", file, line);
                }
                host = hp.substring(1, close);
                String after = hp.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw invalid(source, url, "expected :port after ]", file, line);
                    }
                    port = after.substring(1);
                }
            } else {
                int colon = hp.indexOf(':');
                host = colon < 0 ? hp : hp.substring(0, colon);
                port = colon < 0 ? null : hp.substring(colon + 1);
            }
            if (host.isEmpty()) {
                throw invalid(source, url, "a host name is empty", file, line);
            }
            if (host.matches(".*[\\s/?#@].*")) {
                throw invalid(source, url, "the host name holds a character a host name cannot have", file, line);
            }
            if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535)) {
                throw invalid(source, url, "the port must be a number from 1 to 65535", file, line);
            }
        }
        return hosts;
    }

    /** libpq's form decodes %XX only; the JDBC driver decodes its parameters as form data (+ is a space). */
    private static String decodeParam(String raw, boolean jdbc, String source, String url, Path file, int line) {
        if (jdbc) {
            try {
                return URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalid(source, url, "a parameter holds a malformed %-escape", file, line);
            }
        }
        return percentDecode(raw, source, url, file, line);
    }

    private static String percentDecode(String s, String source, String url, Path file, int line) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw invalid(source, url, "the credentials hold a malformed %-escape (write %25 for a literal %)", file, line);
                }
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 3;
            } else {
                byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static ConfitureException invalid(String source, String url, String why, Path file, int line) {
        return new ConfitureException(INVALID_URL, "The database URL from " + source + " (" + UrlMasker.mask(url) + ") is not valid: " + why + ".",
                file, line);
    }
}
