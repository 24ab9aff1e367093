package dev.confiture.diff;

import java.util.List;
import java.util.Set;

import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.ObjectRef.Kind;

/**
 * Where the opaque kinds ({@link dev.confiture.model.schema.OtherObject}) go in a plan: text search
 * objects with the routines (after the plain functions, before the tables that may use them), the other
 * kinds made of functions and types after the routines, those that live on a table with its triggers and policies (a
 * table's drop takes them along, so they are dropped before it), and among themselves each after what it
 * may be made of (a server after its wrapper, a configuration after its parser and dictionaries).
 */
final class OpaqueKinds {

    /** Creation order; drops go the other way. */
    private static final List<Kind> ORDER = List.of(Kind.OPERATOR, Kind.OPERATOR_FAMILY, Kind.OPERATOR_CLASS,
            Kind.CAST, Kind.CONVERSION, Kind.TEXT_SEARCH_PARSER, Kind.TEXT_SEARCH_TEMPLATE,
            Kind.TEXT_SEARCH_DICTIONARY, Kind.TEXT_SEARCH_CONFIGURATION, Kind.ACCESS_METHOD, Kind.TRANSFORM,
            Kind.FOREIGN_DATA_WRAPPER, Kind.SERVER, Kind.USER_MAPPING, Kind.FOREIGN_TABLE, Kind.EVENT_TRIGGER,
            Kind.PUBLICATION, Kind.SUBSCRIPTION);

    private static final Set<Kind> ON_TABLE = Set.of(Kind.CLUSTER, Kind.RULE, Kind.STATISTICS, Kind.STORAGE_PARAMETERS,
            Kind.REPLICA_IDENTITY, Kind.TABLE_OF_TYPE);

    /**
     * Made of built-in or plain functions only, and used by tables (a generated column or a default
     * calling {@code to_tsvector('app.english', ...)}): created with the routines, before the tables.
     */
    private static final Set<Kind> BEFORE_TABLES = Set.of(Kind.TEXT_SEARCH_PARSER, Kind.TEXT_SEARCH_TEMPLATE,
            Kind.TEXT_SEARCH_DICTIONARY, Kind.TEXT_SEARCH_CONFIGURATION);

    private OpaqueKinds() {
    }

    static boolean onTable(Kind kind) {
        return ON_TABLE.contains(kind);
    }

    static boolean beforeTables(Kind kind) {
        return BEFORE_TABLES.contains(kind);
    }

    /**
     * A range type whose {@code subtype_diff} or {@code canonical} is a function of the schema (the
     * definition names it qualified, as pg_dump does): it is created with the routines, after that function.
     */
    static boolean rangeOnOwnFunction(OtherObject o) {
        return o.ref().kind() == Kind.TYPE && !ownFunctions(o).isEmpty();
    }

    /** The schema-qualified functions a range type's definition names ({@code subtype_diff = app.diff}). */
    static List<String> ownFunctions(OtherObject o) {
        List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = RANGE_FUNCTION.matcher(o.createSql());
        while (m.find()) {
            if (!m.group(1).startsWith("pg_catalog.")) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern RANGE_FUNCTION =
            java.util.regex.Pattern.compile("\\b(?:canonical|subtype_diff) = ((?:\"[^\"]*\"|[^\\s,().\"]+)\\.(?:\"[^\"]*\"|[^\\s,()\"]+))");

    static boolean afterRoutines(Kind kind) {
        return ORDER.contains(kind);
    }

    /** The position of an opaque object's kind in creation order; other changes rank before them. */
    static int creationRank(SchemaChange c) {
        ObjectRef ref = c instanceof SchemaChange.CreateOther co ? co.other().ref()
                : c instanceof SchemaChange.DropOther d ? d.other().ref() : null;
        return ref == null ? -1 : ORDER.indexOf(ref.kind());
    }
}
