package dev.confiture.diff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The casts a server knows, as {@code pg_cast} lists them: source and target type in the spelling
 * {@code format_type} prints with {@code search_path = pg_catalog} (user types schema-qualified), and
 * the context, {@code i} implicit, {@code a} assignment, {@code e} explicit. Shadow mode reads them from
 * the server the SQL is meant for, user-defined casts included ({@link #of}); offline mode has only
 * PostgreSQL's built-in ones ({@link #builtin()}, {@code builtin-casts.tsv}, from PostgreSQL 15).
 */
public final class Casts {

    private static final Casts BUILTIN = new Casts(loadBuiltin());

    private final Map<String, Character> contexts;

    private Casts(Map<String, Character> contexts) {
        this.contexts = Map.copyOf(contexts);
    }

    /** PostgreSQL 15's built-in casts, for offline mode. */
    public static Casts builtin() {
        return BUILTIN;
    }

    /** Casts read from a server: keys {@code source + "\t" + target}, values the context letter. */
    public static Casts of(Map<String, Character> contexts) {
        return new Casts(contexts);
    }

    /** The casts of both; where both know a pair, {@code b}'s context (the target side's) counts. */
    public static Casts union(Casts a, Casts b) {
        Map<String, Character> all = new HashMap<>(a.contexts);
        all.putAll(b.contexts);
        return new Casts(all);
    }

    /** The context of the cast from {@code source} to {@code target}, null when there is none. */
    Character context(String source, String target) {
        return contexts.get(source + "\t" + target);
    }

    /** How many casts are known (a server's pg_cast has over 200). */
    public int size() {
        return contexts.size();
    }

    private static Map<String, Character> loadBuiltin() {
        Map<String, Character> out = new HashMap<>();
        try (InputStream in = Casts.class.getResourceAsStream("builtin-casts.tsv")) {
            if (in == null) {
                throw new IllegalStateException("builtin-casts.tsv is missing from the confiture-diff jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.put(f[0] + "\t" + f[1], f[2].charAt(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
