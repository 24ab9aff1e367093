package dev.confiture.lint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.sql.SqlLexer;
import dev.confiture.sql.SqlToken;

/**
 * Whether a function a statement calls is volatile (computed anew for every row), read from
 * PostgreSQL itself: {@code pg_proc.provolatile} of PostgreSQL 15 for built-in and common contrib
 * functions ({@code function-volatility.tsv}, with the query that made it), and the declared
 * {@code IMMUTABLE}/{@code STABLE}/{@code VOLATILE} of the project's own functions in the
 * interpreted schema (none declared: {@code VOLATILE}, PostgreSQL's default). Overloads of one name
 * count as the most volatile of them. A function none of these knows has no answer.
 */
final class FunctionVolatility {

    enum Volatility {
        IMMUTABLE, STABLE, VOLATILE;

        static Volatility of(char provolatile) {
            return switch (provolatile) {
                case 'i' -> IMMUTABLE;
                case 's' -> STABLE;
                case 'v' -> VOLATILE;
                default -> throw new IllegalArgumentException("provolatile " + provolatile);
            };
        }
    }

    /** Where an answer comes from, as a finding says it. */
    record Known(Volatility volatility, String source) {
    }

    private static final Map<String, Known> BUILTIN = new HashMap<>();
    private static final Map<String, Known> EXTENSIONS = new HashMap<>();

    static {
        try (InputStream in = FunctionVolatility.class.getResourceAsStream("function-volatility.tsv")) {
            if (in == null) {
                throw new IllegalStateException("function-volatility.tsv is missing from the confiture-lint jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                boolean builtin = f[2].equals("pg_catalog");
                Known known = new Known(Volatility.of(f[1].charAt(0)), builtin ? "pg_proc of PostgreSQL 15"
                        : "the " + f[2] + " extension");
                (builtin ? BUILTIN : EXTENSIONS).merge(f[0], known, FunctionVolatility::moreVolatile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's functions by schema, then name. */
    private final Map<String, Map<String, Known>> project = new HashMap<>();

    private FunctionVolatility() {
    }

    /** Built-in and contrib functions, and the functions of the given schemas (before and after a migration). */
    static FunctionVolatility of(List<SchemaModel> schemas) {
        FunctionVolatility v = new FunctionVolatility();
        for (SchemaModel schema : schemas) {
            for (Routine r : schema.routines().values()) {
                if (r.kind() == Routine.Kind.FUNCTION) {
                    Known known = new Known(declared(r.definition()), "as " + r.signature() + " declares it");
                    v.project.computeIfAbsent(r.signature().name().schema(), k -> new HashMap<>())
                            .merge(r.signature().name().name(), known, FunctionVolatility::moreVolatile);
                }
            }
        }
        return v;
    }

    /**
     * The volatility of function {@code name} called with {@code schema} (null when unqualified), as
     * PostgreSQL resolves it: pg_catalog first for an unqualified name, then the project's functions,
     * then contrib extensions'.
     */
    Optional<Known> of(String schema, String name) {
        if (schema == null || schema.equals("pg_catalog")) {
            Known builtin = BUILTIN.get(name);
            if (builtin != null || schema != null) {
                return Optional.ofNullable(builtin);
            }
        }
        Known own = null;
        for (Map.Entry<String, Map<String, Known>> e : project.entrySet()) {
            if (schema == null || schema.equals(e.getKey())) {
                Known k = e.getValue().get(name);
                own = own == null ? k : k == null ? own : moreVolatile(own, k);
            }
        }
        return Optional.ofNullable(own != null ? own : EXTENSIONS.get(name));
    }

    /**
     * The volatility a routine's definition declares: its words outside parentheses before the body
     * ({@code AS}, {@code BEGIN ATOMIC} or {@code RETURN}); none is VOLATILE.
     */
    static Volatility declared(String definition) {
        List<SqlToken> tokens = SqlLexer.tokenize(definition);
        int depth = 0;
        boolean afterArguments = false;
        List<String> words = new ArrayList<>();
        for (SqlToken t : tokens) {
            if (t.text().equals("(")) {
                depth++;
            } else if (t.text().equals(")")) {
                depth--;
                afterArguments |= depth == 0;
            } else if (depth == 0 && afterArguments && t.kind() == SqlToken.Kind.WORD) {
                if (t.value().equals("as") || t.value().equals("begin") || t.value().equals("return")) {
                    break;
                }
                words.add(t.value());
            }
        }
        return words.contains("immutable") ? Volatility.IMMUTABLE
                : words.contains("stable") ? Volatility.STABLE : Volatility.VOLATILE;
    }

    private static Known moreVolatile(Known a, Known b) {
        return a.volatility().compareTo(b.volatility()) >= 0 ? a : b;
    }
}
