package dev.confiture.model.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for showing a database URL: every secret in it replaced by {@value #MASK}, so that
 * the URL can go into a log line, an error message or a report. A secret is
 * <ul>
 * <li>the password of the credentials ({@code postgresql://user:password@host/db}), and</li>
 * <li>the value of every parameter whose name, percent-decoded and in any letter case, contains
 *     {@code password}, {@code passwd}, {@code secret} or {@code token} ({@code password},
 *     {@code sslpassword}, {@code PASSWORD}, {@code sslPassword}, {@code api_token} ...), whether
 *     it stands in the query or, in a malformed URL, anywhere else as {@code name=value}.</li>
 * </ul>
 * Safe for malformed text: where it cannot tell what is what, it hides too much rather than a
 * piece of a password.
 */
public final class UrlMasker {

    public static final String MASK = "***";

    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token");

    /** {@code name=value}: the name runs back to a separator, the value up to the next parameter. */
    private static final Pattern PARAMETER = Pattern.compile("([^?&;,\\s/=@]+)=([^&;\\s]*)");

    private UrlMasker() {
    }

    /** True when a parameter of this name carries a secret (see the class comment). */
    public static boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        String decoded = leniently(name).toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(decoded::contains);
    }

    /** The URL with every secret replaced by {@value #MASK}; null stays null. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        return maskCredentials(maskParameters(url));
    }

    private static String maskParameters(String url) {
        Matcher m = PARAMETER.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretName(m.group(1)) ? m.group(1) + "=" + MASK : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Hides what follows the first {@code :} of the credentials before the last {@code @}. Without
     * a scheme (a malformed URL) the credentials are taken to start at the beginning.
     */
    private static String maskCredentials(String masked) {
        int scheme = masked.indexOf("://");
        int start = scheme >= 0 ? scheme + 3 : 0;
        int at = masked.lastIndexOf('@');
        if (at > start) {
            String info = masked.substring(start, at);
            int colon = info.indexOf(':');
            if (colon >= 0) {
                masked = masked.substring(0, start) + info.substring(0, colon) + ":" + MASK + masked.substring(at);
            }
            return masked;
        }
        // No credentials part: a "port" that is not a number may be a password written without its @.
        int end = firstOf(masked.substring(start), '/', '?');
        end = end < 0 ? masked.length() : start + end;
        StringJoiner hosts = new StringJoiner(",");
        for (String item : masked.substring(start, end).split(",", -1)) {
            int portColon = item.indexOf(':', item.startsWith("[") && item.indexOf(']') > 0 ? item.indexOf(']') : 0);
            if (portColon >= 0 && !item.substring(portColon + 1).matches("[0-9]*")) {
                item = item.substring(0, portColon) + ":" + MASK;
            }
            hosts.add(item);
        }
        return masked.substring(0, start) + hosts + masked.substring(end);
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** %XX decoded where well formed, anything else kept: a name is only compared, never shown decoded. */
    private static String leniently(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && Character.digit(raw[i + 1], 16) >= 0 && Character.digit(raw[i + 2], 16) >= 0) {
                bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
