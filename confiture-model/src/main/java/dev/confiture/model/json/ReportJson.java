package dev.confiture.model.json;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A report record as JSON, in exactly the layout the plugin's Jackson mapper prints: snake_case
 * keys (Jackson's {@code SNAKE_CASE} rule), components in declaration order, its default pretty
 * printer (two spaces per object level, arrays inline, the system's line separator). Goals that write
 * {@code target/confiture/<goal>.json} on every run (validate, verify: usually text-format runs in a
 * hook or a CI step) render through this instead of building a mapper, which loads some 500 classes
 * and cost a cold verify about half a second of CPU on two cores. The plugin's tests compare this text
 * with the mapper's for the same reports.
 *
 * <p>Takes records whose components are strings, numbers (integral), booleans, enums, records,
 * collections and string-keyed maps of those, or null; anything else is refused rather than written
 * differently from the mapper.
 */
public final class ReportJson {

    /** Jackson's pretty printer ends lines with the system's line separator. */
    private static final String NL = System.lineSeparator();

    private ReportJson() {
    }

    public static String render(Record report) {
        StringBuilder out = new StringBuilder(512);
        value(out, report, 0);
        return out.toString();
    }

    private static void value(StringBuilder out, Object value, int level) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            string(out, text.toString());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Enum<?> constant) {
            string(out, constant.name());
        } else if (value instanceof Record record) {
            record(out, record, level);
        } else if (value instanceof Collection<?> values) {
            array(out, values, level);
        } else if (value instanceof Map<?, ?> map) {
            map(out, map, level);
        } else {
            throw new IllegalArgumentException("ReportJson does not write " + value.getClass().getName()
                    + " as the mapper would; render this report with the plugin's mapper");
        }
    }

    private static void record(StringBuilder out, Record record, int level) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        if (components.length == 0) {
            out.append("{ }");
            return;
        }
        out.append('{');
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            key(out, snakeCase(components[i].getName()), level + 1);
            value(out, read(record, components[i]), level + 1);
        }
        out.append(NL).append("  ".repeat(level)).append('}');
    }

    private static void map(StringBuilder out, Map<?, ?> map, int level) {
        if (map.isEmpty()) {
            out.append("{ }");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("ReportJson writes maps with string keys only, not " + entry.getKey());
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            key(out, key, level + 1); // map keys as they are: the naming strategy renames properties only
            value(out, entry.getValue(), level + 1);
        }
        out.append(NL).append("  ".repeat(level)).append('}');
    }

    /** Jackson's array layout: {@code [ ]} when empty, else {@code [ a, b ]}, objects opening on the same line. */
    private static void array(StringBuilder out, Collection<?> values, int level) {
        if (values.isEmpty()) {
            out.append("[ ]");
            return;
        }
        out.append("[ ");
        Iterator<?> it = values.iterator();
        value(out, it.next(), level);
        while (it.hasNext()) {
            out.append(", ");
            value(out, it.next(), level);
        }
        out.append(" ]");
    }

    private static void key(StringBuilder out, String key, int level) {
        out.append(NL).append("  ".repeat(level));
        string(out, key).append(" : ");
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            java.lang.reflect.Method accessor = component.getAccessor();
            accessor.setAccessible(true); // a report record nested in a package-private type
            return accessor.invoke(record);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + record.getClass().getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Reading " + component.getName() + " of " + record.getClass().getName()
                    + " failed", e.getCause());
        }
    }

    /**
     * Jackson's {@code SNAKE_CASE}: an underscore before each upper-case letter that does not follow
     * another one or an underscore, every letter lower-cased ({@code schemaFiles} is
     * {@code schema_files}, {@code upURL} is {@code up_url}); a leading underscore dropped.
     */
    static String snakeCase(String name) {
        StringBuilder result = new StringBuilder(name.length() + 4);
        boolean previousUpper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0 && c == '_') {
                continue;
            }
            if (Character.isUpperCase(c)) {
                if (!previousUpper && result.length() > 0 && result.charAt(result.length() - 1) != '_') {
                    result.append('_');
                }
                c = Character.toLowerCase(c);
                previousUpper = true;
            } else {
                previousUpper = false;
            }
            result.append(c);
        }
        return result.toString();
    }

    /** Jackson's escaping: quote, backslash and control characters; everything else as is. */
    private static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
