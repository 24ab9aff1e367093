package dev.confiture.diff;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.IdentityOptions;
import dev.confiture.model.schema.QualifiedName;

/**
 * {@code ALTER COLUMN ... SET INCREMENT BY ... SET MINVALUE ...} for an identity column whose sequence
 * options change, option by option. As for a sequence ({@link SequenceAlteration}), PostgreSQL refuses
 * a range that leaves out the sequence's current value, so that value is moved into the new range
 * first, and only when it lies outside it. The identity sequence has no name a migration can rely on:
 * {@code pg_get_serial_sequence} finds it.
 */
final class IdentityAlteration {

    private IdentityAlteration() {
    }

    static List<String> sql(QualifiedName table, Column from, Column to) {
        IdentityOptions a = from.identityOptions() != null ? from.identityOptions() : IdentityOptions.defaults(from.type());
        IdentityOptions b = to.identityOptions() != null ? to.identityOptions() : IdentityOptions.defaults(to.type());
        if (a.equals(b) || !from.type().equals(to.type()) && to.identityOptions() == null && from.identityOptions() == null) {
            return List.of(); // a type change moves default bounds along by itself
        }
        List<String> out = new ArrayList<>();
        String head = "ALTER TABLE " + table + " ALTER COLUMN " + dev.confiture.model.schema.Identifiers.quote(to.name());
        String sequence = "pg_catalog.pg_get_serial_sequence(" + SqlRenderer.literal(table.toString()) + ", "
                + SqlRenderer.literal(to.name()) + ")";
        // an identity sequence never used reads as its start value
        String lastValue = "coalesce(pg_catalog.pg_sequence_last_value(" + sequence + "), " + a.start() + ")";
        if (b.minValue() > a.maxValue() || b.maxValue() < a.minValue()) {
            out.add(head + " SET MINVALUE " + Math.min(a.minValue(), b.minValue()) + " SET MAXVALUE "
                    + Math.max(a.maxValue(), b.maxValue()));
        }
        if (b.minValue() > a.minValue()) {
            out.add("SELECT pg_catalog.setval(" + sequence + ", " + b.minValue() + ", false) WHERE " + lastValue + " < "
                    + b.minValue());
        }
        if (b.maxValue() < a.maxValue()) {
            out.add("SELECT pg_catalog.setval(" + sequence + ", " + b.maxValue() + ", true) WHERE " + lastValue + " > "
                    + b.maxValue());
        }
        StringBuilder sb = new StringBuilder();
        if (a.increment() != b.increment()) {
            sb.append(" SET INCREMENT BY ").append(b.increment());
        }
        if (a.minValue() != b.minValue()) {
            sb.append(" SET MINVALUE ").append(b.minValue());
        }
        if (a.maxValue() != b.maxValue()) {
            sb.append(" SET MAXVALUE ").append(b.maxValue());
        }
        if (a.start() != b.start()) {
            sb.append(" SET START WITH ").append(b.start());
        }
        if (a.cache() != b.cache()) {
            sb.append(" SET CACHE ").append(b.cache());
        }
        if (a.cycle() != b.cycle()) {
            sb.append(b.cycle() ? " SET CYCLE" : " SET NO CYCLE");
        }
        if (!sb.isEmpty()) {
            out.add(head + sb);
        }
        return out;
    }
}
