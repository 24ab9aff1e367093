package dev.confiture.git;

import java.util.List;

/**
 * The validate report as JSON, written by hand in exactly the layout the plugin's Jackson mapper
 * prints (snake_case keys, its default pretty printer). validate writes
 * {@code target/confiture/validate.json} on every run, usually a text-format run in a hook or a CI
 * step: building a Jackson mapper for that loaded some 500 classes, a sizeable part of a cold
 * validate. The plugin's tests compare this text with the mapper's for the same reports.
 */
public final class ValidationReportJson {

    /** Jackson's pretty printer ends lines with the system's line separator. */
    private static final String NL = System.lineSeparator();

    private ValidationReportJson() {
    }

    public static String render(ValidationReport report) {
        StringBuilder out = new StringBuilder(256);
        out.append('{').append(NL);
        field(out, "  ", "status", report.status()).append(',').append(NL);
        field(out, "  ", "base", report.base()).append(',').append(NL);
        field(out, "  ", "target", report.target()).append(',').append(NL);
        out.append("  \"checks\" : ");
        array(out, report.checks(), "  ", (check, indent) -> {
            String inner = indent + "  ";
            out.append('{').append(NL);
            field(out, inner, "name", check.name()).append(',').append(NL);
            field(out, inner, "status", check.status()).append(',').append(NL);
            out.append(inner).append("\"findings\" : ");
            array(out, check.findings(), inner, (finding, findingIndent) -> {
                String deeper = findingIndent + "  ";
                out.append('{').append(NL);
                field(out, deeper, "object", finding.object()).append(',').append(NL);
                field(out, deeper, "message", finding.message()).append(',').append(NL);
                field(out, deeper, "file", finding.file()).append(NL);
                out.append(findingIndent).append('}');
            });
            out.append(NL).append(indent).append('}');
        });
        out.append(NL).append('}');
        return out.toString();
    }

    private interface Element<T> {
        void write(T value, String indent);
    }

    /** Jackson's array layout: {@code [ ]} when empty, else {@code [ a, b ]} with objects opening on the same line. */
    private static <T> void array(StringBuilder out, List<T> values, String indent, Element<T> element) {
        if (values.isEmpty()) {
            out.append("[ ]");
            return;
        }
        out.append("[ ");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            element.write(values.get(i), indent);
        }
        out.append(" ]");
    }

    private static StringBuilder field(StringBuilder out, String indent, String key, String value) {
        out.append(indent).append('"').append(key).append("\" : ");
        if (value == null) {
            return out.append("null");
        }
        return string(out, value);
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
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
