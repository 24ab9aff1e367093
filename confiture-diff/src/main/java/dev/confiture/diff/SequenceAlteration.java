package dev.confiture.diff;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.schema.IdentityOptions;
import dev.confiture.model.schema.Sequence;

/**
 * The SQL that takes a sequence (or an identity column's sequence) from one set of options to another,
 * option by option. PostgreSQL refuses {@code MINVALUE m} (or {@code MAXVALUE}) while the sequence's
 * current value lies outside the new range ("RESTART value (1) cannot be less than MINVALUE (5)"); a
 * schema diff cannot know that value, so the current value is moved into the new range first, only when
 * it lies outside it (a {@code setval} guarded by the current value), and never otherwise: a used
 * sequence keeps counting where it was, as it must for the rows already numbered by it.
 */
final class SequenceAlteration {

    private SequenceAlteration() {
    }

    /** {@code ALTER SEQUENCE s ...} for a sequence of its own. */
    static List<String> sql(Sequence from, Sequence to) {
        String name = to.name().toString();
        String head = "ALTER SEQUENCE " + name;
        // a range widened to take in a wider type's bounds needs that type first (smallint -> bigint)
        String widening = typeRank(to.dataType()) > typeRank(from.dataType()) ? head + " AS " + to.dataType() : head;
        List<String> out = new ArrayList<>(moveIntoRange(widening, "", options(from), options(to),
                SqlRenderer.literal(name), " FROM " + name, "last_value"));
        StringBuilder changed = new StringBuilder();
        boolean typeChanged = !from.dataType().equals(to.dataType());
        if (typeChanged) {
            // with AS, PostgreSQL resets a bound that was the old type's default: both bounds are stated below
            changed.append(" AS ").append(to.dataType());
        }
        changed.append(changedOptions("", options(from), options(to), typeChanged));
        if (!changed.isEmpty()) {
            out.add(head + changed);
        }
        return out;
    }

    /**
     * The statements that bring the current value into {@code b}'s range, before the options change:
     * {@code head} the ALTER that widens to the union of two ranges that do not meet, {@code set} the
     * word before each option ({@code SET } in ALTER COLUMN), {@code target} the sequence for setval,
     * {@code from} and {@code lastValue} where its current value is read.
     */
    static List<String> moveIntoRange(String head, String set, IdentityOptions a, IdentityOptions b, String target,
                                      String from, String lastValue) {
        List<String> out = new ArrayList<>();
        if (b.minValue() > a.maxValue() || b.maxValue() < a.minValue()) {
            // the ranges do not meet: setval must stay within the old range, so take the union first
            out.add(head + " " + set + "MINVALUE " + Math.min(a.minValue(), b.minValue()) + " " + set + "MAXVALUE "
                    + Math.max(a.maxValue(), b.maxValue()));
        }
        if (b.minValue() > a.minValue()) {
            // the next value becomes the new minimum
            out.add("SELECT pg_catalog.setval(" + target + ", " + b.minValue() + ", false)" + from + " WHERE " + lastValue
                    + " < " + b.minValue());
        }
        if (b.maxValue() < a.maxValue()) {
            // the sequence is then exhausted in the new range, as it would be had it counted that far
            out.add("SELECT pg_catalog.setval(" + target + ", " + b.maxValue() + ", true)" + from + " WHERE " + lastValue
                    + " > " + b.maxValue());
        }
        return out;
    }

    /** Only what differs, so that an option PostgreSQL fills in itself is never restated; {@code bounds}: state both. */
    static String changedOptions(String set, IdentityOptions a, IdentityOptions b, boolean bounds) {
        StringBuilder sb = new StringBuilder();
        if (a.increment() != b.increment()) {
            sb.append(' ').append(set).append("INCREMENT BY ").append(b.increment());
        }
        if (bounds || a.minValue() != b.minValue()) {
            sb.append(' ').append(set).append("MINVALUE ").append(b.minValue());
        }
        if (bounds || a.maxValue() != b.maxValue()) {
            sb.append(' ').append(set).append("MAXVALUE ").append(b.maxValue());
        }
        if (a.start() != b.start()) {
            sb.append(' ').append(set).append("START WITH ").append(b.start());
        }
        if (a.cache() != b.cache()) {
            sb.append(' ').append(set).append("CACHE ").append(b.cache());
        }
        if (a.cycle() != b.cycle()) {
            sb.append(' ').append(set).append(b.cycle() ? "CYCLE" : "NO CYCLE");
        }
        return sb.toString();
    }

    private static int typeRank(String dataType) {
        return switch (dataType) {
            case "smallint" -> 0;
            case "integer" -> 1;
            default -> 2;
        };
    }

    /** The options a sequence shares with an identity column's. */
    private static IdentityOptions options(Sequence s) {
        return new IdentityOptions(s.start(), s.increment(), s.minValue(), s.maxValue(), s.cache(), s.cycle());
    }
}
