package dev.confiture.runner.verify;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.confiture.runner.verify.UserTables.UserTable;

/**
 * Puts a few generated rows into every empty user table, so that the data round trip of
 * {@link SchemaVerifier} has values a down migration could lose. Generated from the catalog:
 * identity, serial and generated columns are left to PostgreSQL; every other column gets a value of
 * its type (through domains and arrays, enum labels, json, uuid, dates...), distinct per row so that
 * primary keys and unique constraints hold; foreign keys take the key of an existing row of the
 * referenced table, which is filled first. A CHECK that the plain values break is retried with the
 * literals the constraint itself names ({@code kind IN ('person', 'company')}), then with the
 * smallest row (nulls and defaults), then with one row. A table that takes no row is returned with
 * PostgreSQL's reason: it is noted as not checked, never a failure.
 *
 * <p>The values depend only on the catalog, so a replay in a fresh database gets the same rows.
 */
final class SampleRows {

    /** Rows per table: enough to see a lost value and distinct keys, few enough to stay fast. */
    static final int ROWS = 3;

    /** (variant, rows) tried in this order until an insert succeeds. */
    private static final int[][] ATTEMPTS = {{0, ROWS}, {1, ROWS}, {2, ROWS}, {3, ROWS}, {0, 1}, {1, 1}, {2, 1}, {3, 1}};
    /** Values made from the row number and the column. */
    private static final int PLAIN = 0;
    /** The literals the column's CHECKs name where it has some, else other plain values. */
    private static final int FROM_CHECKS = 1;
    /** As FROM_CHECKS, with NULL in nullable columns and defaults where there are some. */
    private static final int SMALLEST = 2;
    /** As FROM_CHECKS, with later columns holding earlier dates. */
    private static final int REVERSED_DATES = 3;

    private static final Pattern STRING_LITERAL = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern NUMBER_LITERAL = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w.])");
    /** Where the row number goes in a foreign key's sub-select (not a character PostgreSQL names contain unquoted). */
    private static final String ROW = "\u0000row\u0000";
    private static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);

    private record Type(long oid, String name, char typtype, char category, long base, long element,
                        List<String> labels, List<String> checks) {
    }

    private record Column(int attnum, String name, String quoted, long typeOid, String type, boolean notNull,
                          boolean automatic, boolean hasDefault) {
    }

    private record ForeignKey(List<Integer> columns, long referenced, String referencedSql, List<String> referencedColumns) {
    }

    private record Constraints(List<ForeignKey> foreignKeys, Map<Integer, List<String>> checkLiterals) {
    }

    private final Connection c;
    private final Map<Long, Type> types = new HashMap<>();
    private final Map<Long, List<Column>> columns = new HashMap<>();
    private final Map<Long, Constraints> constraints = new HashMap<>();

    private SampleRows(Connection c) {
        this.c = c;
    }

    /**
     * Fills the empty tables among {@code tables}, referenced tables first; returns the tables that
     * took no row, each with the reason.
     */
    static Map<String, String> fillEmpty(Connection c, List<UserTable> tables) throws SQLException {
        List<UserTable> empty = empty(c, tables);
        if (empty.isEmpty()) {
            return Map.of();
        }
        SampleRows rows = new SampleRows(c);
        rows.load(empty);
        Map<String, String> failed = new LinkedHashMap<>();
        for (UserTable t : rows.dependencyOrder(empty)) {
            String reason = rows.fill(t);
            if (reason != null) {
                failed.put(t.name(), reason);
            }
        }
        return failed;
    }

    private static List<UserTable> empty(Connection c, List<UserTable> tables) throws SQLException {
        if (tables.isEmpty()) {
            return List.of();
        }
        String sql = tables.stream()
                .map(t -> "SELECT " + t.oid() + "::bigint WHERE NOT EXISTS (SELECT 1 FROM " + t.from() + ")")
                .collect(Collectors.joining(" UNION ALL "));
        Set<Long> oids = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                oids.add(rs.getLong(1));
            }
        }
        return tables.stream().filter(t -> oids.contains(t.oid())).toList();
    }

    // ---------------------------------------------------------------- catalog

    private void load(List<UserTable> tables) throws SQLException {
        String oids = tables.stream().map(t -> String.valueOf(t.oid())).collect(Collectors.joining(",", "'{", "}'::oid[]"));
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT a.attrelid, a.attnum, a.attname, quote_ident(a.attname) AS quoted,"
                    + " a.atttypid, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,"
                    + " a.attidentity <> '' OR a.attgenerated <> ''"
                    + "   OR coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false) AS automatic,"
                    + " d.adbin IS NOT NULL AS has_default"
                    + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attrelid = ANY (" + oids + ") AND a.attnum > 0 AND NOT a.attisdropped"
                    + " ORDER BY a.attrelid, a.attnum")) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getLong("attrelid"), k -> new ArrayList<>()).add(new Column(
                            rs.getInt("attnum"), rs.getString("attname"), rs.getString("quoted"), rs.getLong("atttypid"),
                            rs.getString("type"), rs.getBoolean("attnotnull"), rs.getBoolean("automatic"),
                            rs.getBoolean("has_default")));
                }
            }
            // Every type the columns use, through domains and arrays down to the base types.
            try (ResultSet rs = st.executeQuery("WITH RECURSIVE used(oid) AS ("
                    + "  SELECT DISTINCT atttypid FROM pg_attribute WHERE attrelid = ANY (" + oids + ")"
                    + "    AND attnum > 0 AND NOT attisdropped"
                    + "  UNION SELECT v.next FROM pg_type t JOIN used u ON u.oid = t.oid CROSS JOIN LATERAL"
                    + "    (VALUES (NULLIF(t.typbasetype, 0)), (CASE WHEN t.typcategory = 'A' THEN NULLIF(t.typelem, 0) END)) v(next)"
                    + "    WHERE v.next IS NOT NULL)"
                    + " SELECT t.oid, t.typname, t.typtype, t.typcategory, t.typbasetype, t.typelem,"
                    + " ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels,"
                    + " ARRAY(SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') AS checks"
                    + " FROM pg_type t JOIN used u ON u.oid = t.oid")) {
                while (rs.next()) {
                    types.put(rs.getLong("oid"), new Type(rs.getLong("oid"), rs.getString("typname"),
                            rs.getString("typtype").charAt(0), rs.getString("typcategory").charAt(0),
                            rs.getLong("typbasetype"), rs.getLong("typelem"), strings(rs.getArray("labels")),
                            strings(rs.getArray("checks"))));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT con.conrelid, con.contype, con.conkey, con.confrelid,"
                    + " pg_get_constraintdef(con.oid) AS def,"
                    + " quote_ident(fn.nspname) || '.' || quote_ident(fc.relname) AS referenced,"
                    + " ARRAY(SELECT quote_ident(a.attname) FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)"
                    + "   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS referenced_columns"
                    + " FROM pg_constraint con LEFT JOIN pg_class fc ON fc.oid = con.confrelid"
                    + " LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
                    + " WHERE con.conrelid = ANY (" + oids + ") AND con.contype IN ('f', 'c') ORDER BY con.conrelid, con.conname")) {
                while (rs.next()) {
                    Constraints k = constraints.computeIfAbsent(rs.getLong("conrelid"),
                            x -> new Constraints(new ArrayList<>(), new HashMap<>()));
                    List<Integer> key = shorts(rs.getArray("conkey"));
                    if (rs.getString("contype").equals("f")) {
                        k.foreignKeys().add(new ForeignKey(key, rs.getLong("confrelid"), rs.getString("referenced"),
                                strings(rs.getArray("referenced_columns"))));
                    } else {
                        for (int attnum : key) {
                            k.checkLiterals().computeIfAbsent(attnum, x -> new ArrayList<>()).add(rs.getString("def"));
                        }
                    }
                }
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static List<Integer> shorts(Array array) throws SQLException {
        List<Integer> out = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                out.add(((Number) o).intValue());
            }
        }
        return out;
    }

    private Constraints constraintsOf(UserTable t) {
        return constraints.getOrDefault(t.oid(), new Constraints(List.of(), Map.of()));
    }

    /** Referenced tables before the tables that reference them; a cycle is broken where it is met. */
    private List<UserTable> dependencyOrder(List<UserTable> tables) {
        Map<Long, UserTable> byOid = new LinkedHashMap<>();
        tables.forEach(t -> byOid.put(t.oid(), t));
        List<UserTable> ordered = new ArrayList<>();
        Set<Long> visiting = new HashSet<>();
        Set<Long> done = new HashSet<>();
        for (UserTable t : tables) {
            visit(t, byOid, visiting, done, ordered);
        }
        return ordered;
    }

    private void visit(UserTable t, Map<Long, UserTable> byOid, Set<Long> visiting, Set<Long> done, List<UserTable> ordered) {
        if (done.contains(t.oid()) || !visiting.add(t.oid())) {
            return;
        }
        for (ForeignKey fk : constraintsOf(t).foreignKeys()) {
            UserTable referenced = byOid.get(fk.referenced());
            if (referenced != null && referenced.oid() != t.oid()) {
                visit(referenced, byOid, visiting, done, ordered);
            }
        }
        done.add(t.oid());
        ordered.add(t);
    }

    // ---------------------------------------------------------------- inserting

    /** Null when rows went in, else PostgreSQL's reason for the first attempt. */
    private String fill(UserTable t) throws SQLException {
        String firstReason = null;
        for (int[] attempt : ATTEMPTS) {
            String sql = insert(t, attempt[0], attempt[1]);
            try (Statement st = c.createStatement()) {
                if (st.executeUpdate(sql) > 0) {
                    return null;
                }
                if (firstReason == null) {
                    firstReason = "the tables its foreign keys reference have no rows";
                }
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    throw e; // the connection is gone: not the table's fault
                }
                if (firstReason == null) {
                    firstReason = firstLine(e.getMessage());
                }
            }
        }
        return firstReason;
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private String insert(UserTable t, int variant, int rows) {
        List<Column> all = columns.getOrDefault(t.oid(), List.of());
        Constraints k = constraintsOf(t);
        List<Column> target = new ArrayList<>();
        for (Column col : all) {
            if (!col.automatic() && !(variant == SMALLEST && col.hasDefault())) {
                target.add(col);
            }
        }
        if (target.isEmpty()) {
            return "INSERT INTO " + t.sql() + " SELECT FROM generate_series(1, " + rows + ")";
        }
        // Which foreign key gives each column its value (the first that covers it). Each key starts at
        // another referenced row, so that two keys to one table differ (CHECK (assembly <> component)).
        Map<Integer, String> fromKey = new HashMap<>();
        List<String> joins = new ArrayList<>();
        Set<Integer> targeted = target.stream().map(Column::attnum).collect(Collectors.toSet());
        for (ForeignKey fk : k.foreignKeys()) {
            boolean usable = fk.referenced() != t.oid() && targeted.containsAll(fk.columns())
                    && fk.columns().stream().noneMatch(fromKey::containsKey);
            boolean allNullable = fk.columns().stream().allMatch(n -> !column(all, n).notNull());
            if (!usable || variant == SMALLEST && allNullable) {
                if (allNullable) {
                    fk.columns().forEach(n -> fromKey.putIfAbsent(n, "NULL"));
                }
                continue;
            }
            String alias = "fk" + joins.size();
            for (int i = 0; i < fk.columns().size(); i++) {
                fromKey.put(fk.columns().get(i), alias + "." + fk.referencedColumns().get(i));
            }
            String order = java.util.stream.IntStream.rangeClosed(1, fk.referencedColumns().size())
                    .mapToObj(String::valueOf).collect(Collectors.joining(", "));
            joins.add("(SELECT " + String.join(", ", fk.referencedColumns()) + " FROM ONLY " + fk.referencedSql()
                    + " ORDER BY " + order + " LIMIT 1 OFFSET ((" + ROW + " + " + joins.size() + ") % GREATEST((SELECT count(*) FROM ONLY "
                    + fk.referencedSql() + "), 1))) " + alias);
        }
        List<String> selects = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<String> values = new ArrayList<>();
            for (Column col : target) {
                String fromFk = fromKey.get(col.attnum());
                values.add(fromFk != null ? (fromFk.equals("NULL") ? "NULL::" + col.type() : fromFk)
                        : variant == SMALLEST && !col.notNull() && !isDomain(col) ? "NULL::" + col.type()
                        : value(col, k.checkLiterals().getOrDefault(col.attnum(), List.of()), r, variant));
            }
            int row = r;
            selects.add("SELECT " + String.join(", ", values) + (joins.isEmpty() ? ""
                    : " FROM " + joins.stream().map(j -> j.replace(ROW, String.valueOf(row))).collect(Collectors.joining(" CROSS JOIN "))));
        }
        return "INSERT INTO " + t.sql() + " (" + target.stream().map(Column::quoted).collect(Collectors.joining(", "))
                + ") " + String.join(" UNION ALL ", selects);
    }

    private static Column column(List<Column> all, int attnum) {
        return all.stream().filter(x -> x.attnum() == attnum).findFirst().orElseThrow();
    }

    /** A domain may itself be NOT NULL: the smallest row still gives it a value. */
    private boolean isDomain(Column col) {
        Type t = types.get(col.typeOid());
        return t != null && t.typtype() == 'd';
    }

    // ---------------------------------------------------------------- values

    /** An expression of the column's type for row {@code r}, or a typed NULL when the type is not one we can make. */
    private String value(Column col, List<String> checks, int r, int variant) {
        List<String> literalSources = new ArrayList<>(checks);
        Type t = types.get(col.typeOid());
        while (t != null && t.typtype() == 'd') {
            literalSources.addAll(t.checks());
            t = types.get(t.base());
        }
        String raw = t == null ? null : raw(t, literalSources, col, r, variant);
        return raw == null ? "NULL::" + col.type() : "(" + raw + ")::" + col.type();
    }

    private String raw(Type t, List<String> checks, Column col, int r, int variant) {
        if (t.category() == 'A') {
            Type element = types.get(t.element());
            String e = element == null ? null : raw(element, checks, col, r, variant);
            return e == null ? "'{}'" : "ARRAY[" + e + "]";
        }
        if (t.typtype() == 'e') {
            return t.labels().isEmpty() ? null : quote(t.labels().get((r + variant) % t.labels().size()));
        }
        if (t.typtype() == 'r') {
            return "'empty'";
        }
        String name = t.name();
        switch (t.category()) {
            case 'B':
                return (r % 2 == 0) == (variant != FROM_CHECKS) ? "true" : "false";
            case 'N': {
                boolean integral = Set.of("int2", "int4", "int8", "oid").contains(name);
                List<String> numbers = variant == PLAIN ? List.of() : numbers(checks);
                if (!numbers.isEmpty()) {
                    return quote(numbers.get(r % numbers.size()));
                }
                if (variant == FROM_CHECKS) {
                    return quote(String.valueOf((r + 1) * 10));
                }
                return quote(integral ? String.valueOf(r + 1) : (r + 1) + ".5");
            }
            case 'S': {
                List<String> strings = variant == PLAIN ? List.of() : strings(checks);
                if (!strings.isEmpty()) {
                    return quote(strings.get(r % strings.size()));
                }
                if (variant == FROM_CHECKS) {
                    return quote("x" + (r + 1) + "@example.com");
                }
                // The row number first: a short varchar or char cuts the rest and stays distinct.
                return quote((r + 1) + "_" + col.name());
            }
            case 'D': {
                // Later columns get later dates (start before end), or earlier ones on the last try;
                // a date the CHECKs name is a bound to start from (birth_date >= '1930-01-01').
                List<LocalDate> named = variant == PLAIN ? List.of() : dates(checks);
                LocalDate day = named.isEmpty()
                        ? FIRST_DAY.plusDays((variant == REVERSED_DATES ? -30L : 30L) * col.attnum() + r)
                        : named.get(0).plusDays(r + 1);
                return switch (name) {
                    case "date" -> quote(day.toString());
                    case "time", "timetz" -> quote(String.format(Locale.ROOT, "12:%02d:00", (col.attnum() + r) % 60));
                    default -> quote(day + " 12:00:00");
                };
            }
            case 'T':
                return quote((r + 1) + " days");
            case 'I':
                return quote("10." + (col.attnum() % 256) + "." + r + ".0/24");
            case 'V':
                return "B'1'";
            case 'G':
                return name.equals("point") ? quote("(" + r + "," + col.attnum() + ")") : null;
            case 'U':
                return switch (name) {
                    case "uuid" -> quote(String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d",
                            col.attnum() * 1000L + variant * 10L + r));
                    case "json", "jsonb" -> quote("{\"" + col.name().replace("\"", "") + "\": " + (r + 1) + "}");
                    case "xml" -> quote("<v>" + (r + 1) + "</v>");
                    case "bytea" -> quote("\\x0" + (r + 1));
                    case "tsvector" -> quote("w" + (r + 1));
                    case "macaddr" -> quote("08:00:2b:01:02:0" + (r + 1));
                    default -> null;
                };
            default:
                return null;
        }
    }

    private static List<LocalDate> dates(List<String> checks) {
        List<LocalDate> out = new ArrayList<>();
        for (String s : strings(checks)) {
            if (s.length() >= 10) {
                try {
                    out.add(LocalDate.parse(s.substring(0, 10)));
                } catch (java.time.format.DateTimeParseException notADate) {
                    // another literal of the CHECK
                }
            }
        }
        return out;
    }

    private static List<String> strings(List<String> checks) {
        List<String> out = new ArrayList<>();
        for (String check : checks) {
            Matcher m = STRING_LITERAL.matcher(check);
            while (m.find()) {
                out.add(m.group(1).replace("''", "'"));
            }
        }
        return out;
    }

    /** Each number a CHECK names, and one above it: {@code x > 0} and {@code x BETWEEN 1 AND 5} both hold for one of them. */
    private static List<String> numbers(List<String> checks) {
        List<String> out = new ArrayList<>();
        for (String check : checks) {
            Matcher m = NUMBER_LITERAL.matcher(STRING_LITERAL.matcher(check).replaceAll("''"));
            while (m.find()) {
                java.math.BigDecimal n = new java.math.BigDecimal(m.group());
                out.add(n.add(java.math.BigDecimal.ONE).toPlainString());
                out.add(n.toPlainString());
            }
        }
        return out;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
