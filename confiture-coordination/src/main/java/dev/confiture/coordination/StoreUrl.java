package dev.confiture.coordination;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;

/**
 * Turns the coordination store's URL into {@link DatabaseSettings}, accepting
 * {@code postgresql://user:pw@host:5432/db?...}, {@code postgres://...} and
 * {@code jdbc:postgresql://host/db?user=..&password=..}. Credentials are taken out of the URL so
 * that the URL can be shown in messages; the password never is.
 */
public final class StoreUrl {

    private StoreUrl() {
    }

    /**
     * The settings for {@code url}; the URL's own user and password win, {@code fallbackUser} and
     * {@code fallbackPassword} (from properties or settings.xml) fill in what it lacks.
     */
    public static DatabaseSettings parse(String url, String fallbackUser, String fallbackPassword) {
        if (url == null || url.isBlank()) {
            throw new ConfitureException("COORDINATION_NO_URL", "No coordination store given: set -Dconfiture.coordinationUrl="
                    + "postgresql://host:5432/confiture_coordination (or the environment variable CONFITURE_COORDINATION_URL)");
        }
        String u = url.trim();
        String user = null;
        String password = null;
        String rest;
        if (u.startsWith("jdbc:postgresql://")) {
            rest = u.substring("jdbc:postgresql://".length());
        } else if (u.startsWith("postgresql://") || u.startsWith("postgres://")) {
            rest = u.substring(u.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            int at = rest.lastIndexOf('@', slash < 0 ? rest.length() : slash);
            if (at >= 0) {
                String userInfo = rest.substring(0, at);
                rest = rest.substring(at + 1);
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            }
        } else {
            throw new ConfitureException("COORDINATION_BAD_URL", "The coordination URL must start with postgresql:// or"
                    + " jdbc:postgresql://, e.g. postgresql://localhost:5432/confiture_coordination; got "
                    + Inputs.preview(mask(u)));
        }
        int q = rest.indexOf('?');
        String hostAndDb = q < 0 ? rest : rest.substring(0, q);
        List<String> params = new ArrayList<>();
        if (q >= 0) {
            for (String p : rest.substring(q + 1).split("&")) {
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                String key = eq < 0 ? p : p.substring(0, eq);
                String value = eq < 0 ? "" : decode(p.substring(eq + 1));
                if (key.equals("user")) {
                    user = user == null ? value : user;
                } else if (key.equals("password")) {
                    password = password == null ? value : password;
                } else {
                    params.add(p);
                }
            }
        }
        if (hostAndDb.isEmpty() || hostAndDb.startsWith("/")) {
            hostAndDb = "localhost" + hostAndDb;
        }
        String jdbc = "jdbc:postgresql://" + hostAndDb + (params.isEmpty() ? "" : "?" + String.join("&", params));
        if (user == null || user.isEmpty()) {
            user = fallbackUser;
            if (password == null) {
                password = fallbackPassword;
            }
        } else if (password == null && user.equals(fallbackUser)) {
            password = fallbackPassword;
        }
        return new DatabaseSettings(jdbc, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL with any {@code user:password@} and {@code password=} part hidden, for error messages. */
    public static String mask(String url) {
        return url.replaceAll("//([^/@:]*):[^@/]*@", "//$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
