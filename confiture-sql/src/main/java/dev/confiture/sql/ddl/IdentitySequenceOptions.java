package dev.confiture.sql.ddl;

import dev.confiture.model.schema.IdentityOptions;

/**
 * An identity column's sequence options, as {@code AS IDENTITY (...)} and {@code ADD GENERATED ... (...)}
 * write them (pg_dump: {@code SEQUENCE NAME ... START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1}),
 * and as {@code ALTER COLUMN ... SET INCREMENT BY 2 SET MAXVALUE 100 RESTART} changes them; the result
 * follows PostgreSQL's rules for an option left out and is null when all are the type's defaults.
 */
final class IdentitySequenceOptions {

    private Long start;
    private Long increment;
    private Long min;
    private Long max;
    private Long cache;
    private Boolean cycle;
    private boolean noMin;
    private boolean noMax;

    private IdentitySequenceOptions() {
    }

    /** The options inside {@code AS IDENTITY ( ... )} of a new identity on a column of {@code columnType}. */
    static IdentityOptions create(Cursor c, String columnType) {
        IdentitySequenceOptions o = new IdentitySequenceOptions();
        while (!c.atEnd()) {
            o.option(c, false);
        }
        long inc = o.increment != null ? o.increment : 1;
        long typeMax = IdentityOptions.typeMax(columnType);
        long minValue = o.min != null && !o.noMin ? o.min : inc > 0 ? 1 : -typeMax - 1;
        long maxValue = o.max != null && !o.noMax ? o.max : inc > 0 ? typeMax : -1;
        long startValue = o.start != null ? o.start : inc > 0 ? minValue : maxValue;
        return IdentityOptions.orNull(columnType, startValue, inc, minValue, maxValue, o.cache != null ? o.cache : 1,
                o.cycle != null && o.cycle);
    }

    /** True when the cursor is at an {@code ALTER COLUMN} action that sets identity options. */
    static boolean isAlteration(Cursor c) {
        return c.is("set", "start") || c.is("set", "increment") || c.is("restart") || c.is("set", "minvalue")
                || c.is("set", "maxvalue") || c.is("set", "no", "minvalue") || c.is("set", "no", "maxvalue")
                || c.is("set", "no", "cycle") || c.is("set", "cache") || c.is("set", "cycle");
    }

    /** {@code SET option ...} actions (and {@code RESTART}) applied to the column's current options. */
    static IdentityOptions alter(Cursor c, String columnType, IdentityOptions current) {
        IdentitySequenceOptions o = new IdentitySequenceOptions();
        while (!c.atEnd()) {
            if (!c.accept("set") && !c.is("restart")) {
                throw new UnsupportedDdl("expected SET or RESTART in the identity options, found " + c.describeNext());
            }
            o.option(c, true);
        }
        IdentityOptions now = current != null ? current : IdentityOptions.defaults(columnType);
        long inc = o.increment != null ? o.increment : now.increment();
        long typeMax = IdentityOptions.typeMax(columnType);
        long minValue = o.noMin ? (inc > 0 ? 1 : -typeMax - 1) : o.min != null ? o.min : now.minValue();
        long maxValue = o.noMax ? (inc > 0 ? typeMax : -1) : o.max != null ? o.max : now.maxValue();
        return IdentityOptions.orNull(columnType, o.start != null ? o.start : now.start(), inc, minValue, maxValue,
                o.cache != null ? o.cache : now.cache(), o.cycle != null ? o.cycle : now.cycle());
    }

    private void option(Cursor c, boolean alter) {
        if (c.accept("start")) {
            c.accept("with");
            start = SequenceDdl.number(c);
        } else if (c.accept("increment")) {
            c.accept("by");
            increment = SequenceDdl.number(c);
        } else if (c.accept("minvalue")) {
            min = SequenceDdl.number(c);
        } else if (c.accept("no", "minvalue")) {
            noMin = true;
        } else if (c.accept("maxvalue")) {
            max = SequenceDdl.number(c);
        } else if (c.accept("no", "maxvalue")) {
            noMax = true;
        } else if (c.accept("cache")) {
            cache = SequenceDdl.number(c);
        } else if (c.accept("no", "cycle")) {
            cycle = false;
        } else if (c.accept("cycle")) {
            cycle = true;
        } else if (c.accept("restart")) {
            // the current value, not an option the schema keeps
            c.accept("with");
            if (!c.atEnd() && (c.peek().type() == Token.Type.NUMBER || c.peek().isPunct("-"))) {
                SequenceDdl.number(c);
            }
        } else if (!alter && c.accept("sequence", "name")) {
            c.dottedName(); // PostgreSQL's own choice of name is what pg_dump prints; the model keeps no name
        } else if (!alter && c.accept("as")) {
            c.next(); // the sequence type follows the column's
        } else {
            throw new UnsupportedDdl("unknown identity sequence option " + c.describeNext());
        }
    }
}
