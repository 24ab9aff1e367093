package dev.confiture.runner.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog queries of {@link CatalogReader}, one {@code .sql} resource per object kind under
 * {@code dev/confiture/runner/catalog/sql/}, each read once and cached. A query may hold
 * {@code ${NAME}} placeholders for the parts that depend on the server version; {@code ${USER_NAMESPACE}},
 * the filter that leaves out the system schemas, is filled in for every query.
 */
final class CatalogQueries {

    /** Schemas that hold no user objects: the system catalogs, TOAST and temporary schemas. */
    static final String USER_NAMESPACE = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();
    private static final Map<java.util.List<Object>, String> FILLED = new ConcurrentHashMap<>();

    private CatalogQueries() {
    }

    /**
     * The query {@code sql/<name>.sql} with its placeholders filled in.
     *
     * @throws IllegalStateException when the resource is missing or a placeholder has no value (a packaging or
     *                               programming error, never a user's)
     */
    static String sql(String name, Map<String, String> values) {
        // Filled in once per name and values: verify reads the catalog before every up and after every down.
        return FILLED.computeIfAbsent(java.util.List.of(name, values), key -> fill(name, values));
    }

    private static String fill(String name, Map<String, String> values) {
        String text = TEXTS.computeIfAbsent(name, CatalogQueries::load);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = "USER_NAMESPACE".equals(key) ? USER_NAMESPACE : values.get(key);
            if (value == null) {
                throw new IllegalStateException("Catalog query " + name + ".sql has no value for ${" + key + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String sql(String name) {
        return sql(name, Map.of());
    }

    private static String load(String name) {
        String resource = "sql/" + name + ".sql";
        try (InputStream in = CatalogQueries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Catalog query resource missing: dev/confiture/runner/catalog/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read catalog query " + resource + ": " + e.getMessage(), e);
        }
    }
}
