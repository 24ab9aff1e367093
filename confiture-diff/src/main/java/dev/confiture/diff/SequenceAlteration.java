package dev.confiture.diff;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.schema.Sequence;

/**
 * The SQL that takes a sequence from one set of options to another, option by option. PostgreSQL
 * refuses {@code ALTER SEQUENCE ... MINVALUE m} (or {@code MAXVALUE}) while the sequence's current
 * value lies outside the new range ("RESTART value (1) cannot be less than MINVALUE (5)"); a schema
 * diff cannot know that value, so the current value is moved into the new range first, only when it
 * lies outside it (a {@code setval} guarded by {@code WHERE last_value ...}), and never otherwise: a
 * used sequence keeps counting where it was, as it must for the rows already numbered by it.
 */
final class SequenceAlteration {

    private SequenceAlteration() {
    }

    static List<String> sql(Sequence from, Sequence to) {
        List<String> out = new ArrayList<>();
        String name = to.name().toString();
        boolean raisesMin = to.minValue() > from.minValue();
        boolean lowersMax = to.maxValue() < from.maxValue();
        if (to.minValue() > from.maxValue() || to.maxValue() < from.minValue()) {
            // the ranges do not meet: setval must stay within the old range, so take the union first
            out.add("ALTER SEQUENCE " + name + " MINVALUE " + Math.min(from.minValue(), to.minValue())
                    + " MAXVALUE " + Math.max(from.maxValue(), to.maxValue()));
        }
        if (raisesMin) {
            // the next value becomes the new minimum
            out.add("SELECT pg_catalog.setval(" + SqlRenderer.literal(name) + ", " + to.minValue() + ", false) FROM "
                    + name + " WHERE last_value < " + to.minValue());
        }
        if (lowersMax) {
            // the sequence is then exhausted in the new range, as it would be had it counted that far
            out.add("SELECT pg_catalog.setval(" + SqlRenderer.literal(name) + ", " + to.maxValue() + ", true) FROM "
                    + name + " WHERE last_value > " + to.maxValue());
        }
        String options = changedOptions(from, to);
        if (!options.isEmpty()) {
            out.add("ALTER SEQUENCE " + name + options);
        }
        return out;
    }

    /** Only what differs, so that an unrelated option PostgreSQL fills in itself is never restated. */
    private static String changedOptions(Sequence from, Sequence to) {
        StringBuilder sb = new StringBuilder();
        if (!from.dataType().equals(to.dataType())) {
            sb.append(" AS ").append(to.dataType());
        }
        if (from.increment() != to.increment()) {
            sb.append(" INCREMENT BY ").append(to.increment());
        }
        // with AS, PostgreSQL resets a bound that was the old type's default: state both bounds then
        boolean typeChanged = !from.dataType().equals(to.dataType());
        if (typeChanged || from.minValue() != to.minValue()) {
            sb.append(" MINVALUE ").append(to.minValue());
        }
        if (typeChanged || from.maxValue() != to.maxValue()) {
            sb.append(" MAXVALUE ").append(to.maxValue());
        }
        if (from.start() != to.start()) {
            sb.append(" START WITH ").append(to.start());
        }
        if (from.cache() != to.cache()) {
            sb.append(" CACHE ").append(to.cache());
        }
        if (from.cycle() != to.cycle()) {
            sb.append(to.cycle() ? " CYCLE" : " NO CYCLE");
        }
        return sb.toString();
    }
}
