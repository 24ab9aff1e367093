package dev.confiture.sql.ddl;

import dev.confiture.sql.SqlLexer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * The names PostgreSQL makes up for unnamed objects (src/backend/commands/indexcmds.c and
 * catalog/pg_constraint.c: makeObjectName, ChooseRelationName, ChooseConstraintName): {@code
 * <table>_pkey}, {@code <table>_<cols>_key}, {@code <table>_<cols>_fkey}, {@code <table>_<col>_check},
 * {@code <table>_<col>_seq}, {@code <table>_<cols>_idx}, truncated to 63 bytes by shortening the
 * longer part first, and made unique by appending 1, 2, ... to the label.
 */
final class PgNames {

    static final int MAX_BYTES = 63;

    private PgNames() {
    }

    static String makeObjectName(String name1, String name2, String label) {
        int overhead = 0;
        if (name2 != null) {
            overhead++;
        }
        if (label != null) {
            overhead += label.length() + 1;
        }
        int avail = MAX_BYTES - overhead;
        int n1 = bytes(name1);
        int n2 = name2 == null ? 0 : bytes(name2);
        while (n1 + n2 > avail) {
            if (n1 > n2) {
                n1--;
            } else {
                n2--;
            }
        }
        StringBuilder sb = new StringBuilder(SqlLexer.clipToBytes(name1, n1));
        if (name2 != null) {
            sb.append('_').append(SqlLexer.clipToBytes(name2, n2));
        }
        if (label != null) {
            sb.append('_').append(label);
        }
        return sb.toString();
    }

    /** makeObjectName, then label1, label2, ... until {@code used} says the name is free. */
    static String choose(String name1, String name2, String label, Predicate<String> used) {
        String candidate = makeObjectName(name1, name2, label);
        int pass = 0;
        while (used.test(candidate)) {
            candidate = makeObjectName(name1, name2, label + (++pass));
        }
        return candidate;
    }

    /** Column names joined with underscores, as ChooseIndexNameAddition does (limited to the name length). */
    static String columnsAddition(List<String> columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(c);
            if (bytes(sb.toString()) >= MAX_BYTES) {
                break;
            }
        }
        return sb.toString();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
