package dev.confiture.sql.ddl;

import static dev.confiture.sql.ddl.Interpretation.ref;

import dev.confiture.model.schema.ColumnRef;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Sequence;
import java.util.List;

/** CREATE SEQUENCE and ALTER SEQUENCE, with PostgreSQL's defaults for the options left out. */
final class SequenceDdl {

    private final Interpretation st;
    private final Expressions ex;
    private final RenamesAndDrops renamesAndDrops;

    SequenceDdl(Interpretation st, RenamesAndDrops renamesAndDrops) {
        this.st = st;
        this.ex = new Expressions(st);
        this.renamesAndDrops = renamesAndDrops;
    }

    void createSequence(Cursor c) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        QualifiedName name = st.createName(c.dottedName());
        st.touch(ref(ObjectRef.Kind.SEQUENCE, name), TouchedObject.Action.CREATE);
        if (st.relationExists(name)) {
            if (ifNotExists) {
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("relation " + name + " already exists");
            }
        }
        st.ensureSchema(name.schema());
        SequenceOptions o = new SequenceOptions();
        o.read(c, this);
        st.model.sequences.put(name, o.apply(new Sequence(name, null, 0, 0, 0, 0, 0, false, null, null), true));
    }

    void alterSequence(Cursor c) {
        boolean ifExists = c.accept("if", "exists");
        QualifiedName name = st.resolve(c.dottedName(), st.model.sequences::containsKey);
        ObjectRef ref = ref(ObjectRef.Kind.SEQUENCE, name);
        Sequence s = st.model.sequences.get(name);
        if (s == null) {
            if (ifExists) {
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("sequence " + name + " does not exist");
            }
            s = new SequenceOptions().apply(new Sequence(name, null, 0, 0, 0, 0, 0, false, null, null), true);
            st.model.sequences.put(name, s);
        }
        if (c.accept("rename", "to")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            renamesAndDrops.renameRelation(name, QualifiedName.of(name.schema(), c.identifier()));
            return;
        }
        if (c.accept("set", "schema")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            renamesAndDrops.renameRelation(name, QualifiedName.of(c.identifier(), name.name()));
            return;
        }
        st.touch(ref, TouchedObject.Action.ALTER);
        if (c.accept("owner", "to")) {
            String owner = c.identifier();
            st.model.sequences.put(name, new Sequence(name, s.dataType(), s.start(), s.increment(), s.minValue(),
                    s.maxValue(), s.cache(), s.cycle(), s.ownedBy(), owner));
            return;
        }
        if (c.is("set", "logged") || c.is("set", "unlogged")) {
            c.rest();
            return;
        }
        SequenceOptions o = new SequenceOptions();
        o.read(c, this);
        st.model.sequences.put(name, o.apply(s, false));
    }

    /** The options of CREATE/ALTER SEQUENCE, with PostgreSQL's rules for what an unspecified one becomes. */
    final class SequenceOptions {
        String type;
        Long increment;
        Long min;
        Long max;
        Long start;
        Long cache;
        Boolean cycle;
        boolean noMin;
        boolean noMax;
        ColumnRef ownedBy;
        boolean ownedByNone;

        void read(Cursor c, SequenceDdl owner) {
            while (!c.atEnd()) {
                if (c.accept("as")) {
                    type = owner.ex.type(List.of(c.next()));
                } else if (c.accept("increment")) {
                    c.accept("by");
                    increment = number(c);
                } else if (c.accept("minvalue")) {
                    min = number(c);
                } else if (c.accept("no", "minvalue")) {
                    noMin = true;
                } else if (c.accept("maxvalue")) {
                    max = number(c);
                } else if (c.accept("no", "maxvalue")) {
                    noMax = true;
                } else if (c.accept("start")) {
                    c.accept("with");
                    start = number(c);
                } else if (c.accept("restart")) {
                    c.accept("with");
                    if (!c.atEnd() && (c.peek().type() == Token.Type.NUMBER || c.peek().isPunct("-"))) {
                        number(c);
                    }
                } else if (c.accept("cache")) {
                    cache = number(c);
                } else if (c.accept("no", "cycle")) {
                    cycle = false;
                } else if (c.accept("cycle")) {
                    cycle = true;
                } else if (c.accept("owned", "by")) {
                    if (c.accept("none")) {
                        ownedByNone = true;
                    } else {
                        List<String> parts = c.dottedName();
                        String col = parts.get(parts.size() - 1);
                        QualifiedName table = st.tableName(parts.subList(0, parts.size() - 1));
                        ownedBy = new ColumnRef(table, col);
                        st.touch(ObjectRef.table(table), TouchedObject.Action.ALTER);
                    }
                } else {
                    throw new UnsupportedDdl("unknown sequence option " + c.describeNext());
                }
            }
        }

        Sequence apply(Sequence s, boolean create) {
            String dataType = type != null ? type : create ? "bigint" : s.dataType();
            long inc = increment != null ? increment : create ? 1 : s.increment();
            long typeMax = typeMax(dataType);
            long typeMin = -typeMax - 1;
            long minValue;
            long maxValue;
            if (create) {
                minValue = min != null ? min : inc > 0 ? 1 : typeMin;
                maxValue = max != null ? max : inc > 0 ? typeMax : -1;
            } else {
                minValue = min != null ? min : noMin ? (inc > 0 ? 1 : typeMin) : s.minValue();
                maxValue = max != null ? max : noMax ? (inc > 0 ? typeMax : -1) : s.maxValue();
                if (type != null && !type.equals(s.dataType())) {
                    long oldMax = typeMax(s.dataType());
                    if (max == null && !noMax && s.maxValue() == oldMax) {
                        maxValue = typeMax;
                    }
                    if (min == null && !noMin && s.minValue() == -oldMax - 1) {
                        minValue = typeMin;
                    }
                }
            }
            if (noMin && create) {
                minValue = inc > 0 ? 1 : typeMin;
            }
            if (noMax && create) {
                maxValue = inc > 0 ? typeMax : -1;
            }
            long startValue = start != null ? start : create ? (inc > 0 ? minValue : maxValue) : s.start();
            long cacheValue = cache != null ? cache : create ? 1 : s.cache();
            boolean cycleValue = cycle != null ? cycle : !create && s.cycle();
            ColumnRef owned = ownedByNone ? null : ownedBy != null ? ownedBy : create ? null : s.ownedBy();
            return new Sequence(s.name(), dataType, startValue, inc, minValue, maxValue, cacheValue, cycleValue, owned,
                    s.owner());
        }
    }

    /** A sequence option's number, signed. */
    static long number(Cursor c) {
        boolean negative = c.accept("-");
        Token t = c.next();
        if (t.type() != Token.Type.NUMBER) {
            throw new UnsupportedDdl("expected a number, found '" + t.text() + "'");
        }
        long v = Long.parseLong(t.text().replace("_", ""));
        return negative ? -v : v;
    }

    static long typeMax(String type) {
        return switch (type == null ? "bigint" : type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }
}
