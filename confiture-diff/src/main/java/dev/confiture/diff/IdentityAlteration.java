package dev.confiture.diff;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.IdentityOptions;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.QualifiedName;

/**
 * {@code ALTER COLUMN ... SET INCREMENT BY ... SET MINVALUE ...} for an identity column whose sequence
 * options change, option by option, with the current value moved into a narrowed range first as for a
 * sequence ({@link SequenceAlteration}). The identity sequence has no name a migration can rely on:
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
        String head = "ALTER TABLE " + table + " ALTER COLUMN " + Identifiers.quote(to.name());
        String sequence = "pg_catalog.pg_get_serial_sequence(" + SqlRenderer.literal(table.toString()) + ", "
                + SqlRenderer.literal(to.name()) + ")";
        // an identity sequence never used reads as its start value
        String lastValue = "coalesce(pg_catalog.pg_sequence_last_value(" + sequence + "), " + a.start() + ")";
        List<String> out = new ArrayList<>(SequenceAlteration.moveIntoRange(head, "SET ", a, b, sequence, "", lastValue));
        String changed = SequenceAlteration.changedOptions("SET ", a, b, false);
        if (!changed.isEmpty()) {
            out.add(head + changed);
        }
        return out;
    }
}
