package dev.confiture.runner.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.confiture.testing.TestServer;

/**
 * The independent check of the corpus proof: {@code pg_dump --schema-only} of a database,
 * normalised so that two dumps of equal schemas compare equal. Nothing of Confiture's catalog
 * reader is involved. Normalisation: comments, SET lines, {@code \restrict} lines and blank lines
 * dropped; the column lines of each CREATE TABLE sorted (column order does not count), and its storage
 * parameters (pg_dump prints them in the order they were set); then the
 * statements sorted (pg_dump's order among independent objects follows creation order).
 */
final class SchemaDump {

    private static final Pattern DOLLAR = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");

    private SchemaDump() {
    }

    /** The major version of the pg_dump on the PATH, or -1 when there is none. */
    static int pgDumpMajor() {
        try {
            Process p = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(20, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("(\\d+)\\.").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static List<String> dump(TestServer server, String database) {
        return normalise(raw(server, database));
    }

    /** The plain {@code pg_dump --schema-only} text. */
    static String raw(TestServer server, String database) {
        try {
            ProcessBuilder pb = new ProcessBuilder("pg_dump", "--schema-only", "-h", server.host(), "-p",
                    String.valueOf(server.port()), "-U", server.user(), "-d", database);
            if (server.password() != null) {
                pb.environment().put("PGPASSWORD", server.password());
            }
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("pg_dump failed on " + database);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("pg_dump could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> normalise(String dump) {
        List<String> statements = new ArrayList<>();
        List<String> current = new ArrayList<>();
        String dollarTag = null;
        for (String line : dump.split("\n")) {
            if (dollarTag == null && (line.isBlank() || line.startsWith("--") || line.startsWith("SET ")
                    || line.startsWith("SELECT pg_catalog.set_config") || line.startsWith("\\restrict")
                    || line.startsWith("\\unrestrict"))) {
                continue;
            }
            current.add(line);
            Matcher m = DOLLAR.matcher(line);
            while (m.find()) {
                if (dollarTag == null) {
                    dollarTag = m.group();
                } else if (dollarTag.equals(m.group())) {
                    dollarTag = null;
                }
            }
            if (dollarTag == null && line.endsWith(";")) {
                statements.add(storageParametersSorted(tableColumnsSorted(current)));
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            statements.add(String.join("\n", current));
        }
        Collections.sort(statements);
        return statements;
    }

    private static final Pattern STORAGE = Pattern.compile(
            "WITH \\(((?:[\\w.]+=(?:'[^']*'|[\\w.]+))(?:, [\\w.]+=(?:'[^']*'|[\\w.]+))*)\\)");

    /**
     * A table's or an index's {@code WITH (name='value', ...)}, its parameters sorted: pg_dump prints them in the
     * order they were set, which carries no meaning.
     */
    private static String storageParametersSorted(String statement) {
        Matcher m = STORAGE.matcher(statement);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> parameters = new ArrayList<>(List.of(m.group(1).split(", ")));
            Collections.sort(parameters);
            m.appendReplacement(out, Matcher.quoteReplacement("WITH (" + String.join(", ", parameters) + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String tableColumnsSorted(List<String> lines) {
        if (lines.size() > 2 && lines.get(0).startsWith("CREATE ") && lines.get(0).contains(" TABLE ")
                && lines.get(0).endsWith("(")) {
            int end = lines.size() - 1;
            while (end > 0 && !lines.get(end).startsWith(")")) {
                end--;
            }
            if (end > 1) {
                List<String> cols = new ArrayList<>();
                for (String l : lines.subList(1, end)) {
                    cols.add(l.endsWith(",") ? l.substring(0, l.length() - 1) : l);
                }
                Collections.sort(cols);
                List<String> out = new ArrayList<>();
                out.add(lines.get(0));
                out.addAll(cols);
                out.addAll(lines.subList(end, lines.size()));
                return String.join("\n", out);
            }
        }
        return String.join("\n", lines);
    }

    /** The statements only one side has, marked {@code -} (expected) and {@code +} (actual), at most {@code max}. */
    static List<String> difference(List<String> expected, List<String> actual, int max) {
        List<String> out = new ArrayList<>();
        List<String> missing = new ArrayList<>(expected);
        for (String a : actual) {
            missing.remove(a);
        }
        List<String> extra = new ArrayList<>(actual);
        for (String e : expected) {
            extra.remove(e);
        }
        missing.forEach(s -> out.add("- " + s.replace("\n", "\n  ")));
        extra.forEach(s -> out.add("+ " + s.replace("\n", "\n  ")));
        return out.size() > max ? out.subList(0, max) : out;
    }
}
