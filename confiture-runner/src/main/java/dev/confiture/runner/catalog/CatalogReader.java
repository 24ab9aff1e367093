package dev.confiture.runner.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.confiture.diff.OwnObjects;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.Collation;
import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.ColumnRef;
import dev.confiture.model.schema.CompositeType;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Domain;
import dev.confiture.model.schema.EnumType;
import dev.confiture.model.schema.Extension;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.Policy;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.Schema;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.Trigger;
import dev.confiture.model.schema.View;

/**
 * Reads a live PostgreSQL database into a {@link SchemaModel}: everything user-defined, leaving out
 * the system schemas, objects that belong to extensions ({@code pg_depend} deptype {@code e}) and
 * Confiture's own objects (the tracking table, the coordination store: {@link OwnObjects}, the rule the
 * diff engine applies to every comparison). One set-based query per object kind (about twenty in all), never
 * one per object, so that a 500-table schema reads in well under a second.
 *
 * <p>The session's {@code search_path} is set to {@code pg_catalog} while reading, so that every
 * name PostgreSQL prints ({@code format_type}, {@code pg_get_expr}, {@code pg_get_viewdef} ...) is
 * schema-qualified and means the same thing wherever the SQL is later run; it is restored afterwards.
 */
public final class CatalogReader {

    public static final String DEFAULT_TRACKING_TABLE = "confiture_migrations";

    private static final String USER_NAMESPACE = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    private static String notExtensionMember(String catalog, String oidColumn) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = '" + catalog + "'::regclass AND xd.objid = "
                + oidColumn + " AND xd.deptype = 'e')";
    }

    private static final Pattern CONSTRAINT_TAIL =
            Pattern.compile("(?:\\s+DEFERRABLE)?(?:\\s+INITIALLY (?:DEFERRED|IMMEDIATE))?(?:\\s+NOT VALID)?$");

    private final OwnObjects own;

    /** A reader that leaves out {@code confiture_migrations} in any schema. */
    public CatalogReader() {
        this(DEFAULT_TRACKING_TABLE);
    }

    /** @param trackingTable the tracking table to leave out, {@code name} (any schema) or {@code schema.name} */
    public CatalogReader(String trackingTable) {
        this.own = OwnObjects.of(trackingTable);
    }

    /** Reads the database the connection points at; the connection is left as it was found. */
    public SchemaModel read(Connection connection) {
        try {
            return own.strip(new Reading(connection).run());
        } catch (SQLException e) {
            throw new ConfitureException("CATALOG_READ_FAILED",
                    "Could not read the database catalog: " + e.getMessage(), e);
        }
    }

    /** The state of one read: the builder and the oid maps used to attach comments, grants and dependencies. */
    private final class Reading {
        private final Connection c;
        private final SchemaModelBuilder b = new SchemaModelBuilder();
        private final Map<Long, ObjectRef> relationRefs = new HashMap<>();
        private final Map<Long, QualifiedName> relationNames = new HashMap<>();
        private final Map<Long, TableParts> tables = new LinkedHashMap<>();
        private final Map<Long, ObjectRef> procRefs = new HashMap<>();
        private final Map<Long, ObjectRef> typeRefs = new HashMap<>();
        private final Map<Long, ObjectRef> namespaceRefs = new HashMap<>();
        private final Map<Long, ObjectRef> constraintRefs = new HashMap<>();
        private final Map<Long, ObjectRef> triggerRefs = new HashMap<>();
        private final Map<Long, ObjectRef> policyRefs = new HashMap<>();
        private final Map<Long, ObjectRef> collationRefs = new HashMap<>();
        private final Map<Long, ObjectRef> otherRefs = new HashMap<>();
        private final Map<String, String> columnNames = new HashMap<>();
        private final Map<Long, ViewParts> views = new LinkedHashMap<>();
        private int serverVersion;

        Reading(Connection c) {
            this.c = c;
        }

        SchemaModel run() throws SQLException {
            String oldPath = single("SELECT current_setting('search_path')");
            serverVersion = Integer.parseInt(single("SELECT current_setting('server_version_num')"));
            boolean autoCommit = c.getAutoCommit();
            exec("SELECT set_config('search_path', 'pg_catalog', false)");
            try {
                readAll();
            } finally {
                if (!c.getAutoCommit()) {
                    // a failed read inside the caller's transaction must not leave it half-aborted with our setting
                    c.rollback();
                }
                exec("SELECT set_config('search_path', " + literal(oldPath) + ", false)");
                c.setAutoCommit(autoCommit);
            }
            return b.build();
        }

        private void readAll() throws SQLException {
            schemas();
            extensions();
            collations();
            types();
            domains();
            relations();
            sequences();
            columns();
            constraints();
            indexes();
            routines();
            triggers();
            policies();
            viewDependencies();
            routineDependencies();
            textSearchConfigurations();
            clusterMarks();
            assemble();
            comments();
            grants();
        }

        private void schemas() throws SQLException {
            query("SELECT n.oid, n.nspname, pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE " + USER_NAMESPACE
                    + " AND " + notExtensionMember("pg_namespace", "n.oid"), rs -> {
                String name = rs.getString(2);
                b.schemas.put(name, new Schema(name, rs.getString(3)));
                namespaceRefs.put(rs.getLong(1), new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(name)));
            });
        }

        private void extensions() throws SQLException {
            // plpgsql comes with every database (template1), so it is not part of anyone's schema
            query("SELECT e.extname, n.nspname, e.extversion FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                    + " WHERE e.extname <> 'plpgsql'", rs ->
                    b.extensions.put(rs.getString(1), new Extension(rs.getString(1), rs.getString(2), rs.getString(3))));
        }

        private void collations() throws SQLException {
            String icuLocale = serverVersion >= 170000 ? "c.colllocale" : serverVersion >= 150000 ? "c.colliculocale" : "NULL";
            query("SELECT c.oid, n.nspname, c.collname, c.collprovider, c.collcollate, c.collctype, " + icuLocale
                    + ", c.collisdeterministic FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE "
                    + USER_NAMESPACE + " AND " + notExtensionMember("pg_collation", "c.oid"), rs -> {
                QualifiedName name = QualifiedName.of(rs.getString(2), rs.getString(3));
                String provider = switch (rs.getString(4)) {
                    case "i" -> "icu";
                    case "c" -> "libc";
                    case "b" -> "builtin";
                    default -> "default";
                };
                String locale = rs.getString(7);
                if (locale == null && "icu".equals(provider)) {
                    locale = rs.getString(5);
                }
                b.collations.put(name, new Collation(name, provider, locale,
                        "icu".equals(provider) ? null : rs.getString(5), "icu".equals(provider) ? null : rs.getString(6),
                        rs.getBoolean(8)));
                collationRefs.put(rs.getLong(1), ObjectRef.of(ObjectRef.Kind.COLLATION, name));
            });
        }

        private void types() throws SQLException {
            query("SELECT t.oid, n.nspname, t.typname, pg_get_userbyid(t.typowner),"
                    + " ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)"
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND "
                    + USER_NAMESPACE + " AND " + notExtensionMember("pg_type", "t.oid"), rs -> {
                QualifiedName name = QualifiedName.of(rs.getString(2), rs.getString(3));
                b.enums.put(name, new EnumType(name, strings(rs.getArray(5)), rs.getString(4)));
                typeRefs.put(rs.getLong(1), ObjectRef.of(ObjectRef.Kind.TYPE, name));
            });
            Map<QualifiedName, List<CompositeType.Attribute>> attributes = new TreeMap<>();
            Map<QualifiedName, String> owners = new HashMap<>();
            query("SELECT t.oid, n.nspname, t.typname, pg_get_userbyid(t.typowner), a.attname,"
                    + " format_type(a.atttypid, a.atttypmod), " + collationExpression("a.attcollation", "at.typcollation")
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " JOIN pg_class cl ON cl.oid = t.typrelid AND cl.relkind = 'c'"
                    + " LEFT JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped"
                    + " LEFT JOIN pg_type at ON at.oid = a.atttypid"
                    + " WHERE t.typtype = 'c' AND " + USER_NAMESPACE + " AND " + notExtensionMember("pg_type", "t.oid")
                    + " ORDER BY t.oid, a.attnum", rs -> {
                QualifiedName name = QualifiedName.of(rs.getString(2), rs.getString(3));
                List<CompositeType.Attribute> list = attributes.computeIfAbsent(name, k -> new ArrayList<>());
                owners.put(name, rs.getString(4));
                if (rs.getString(5) != null) {
                    list.add(new CompositeType.Attribute(rs.getString(5), rs.getString(6), rs.getString(7)));
                }
                typeRefs.put(rs.getLong(1), ObjectRef.of(ObjectRef.Kind.TYPE, name));
            });
            attributes.forEach((name, list) -> b.composites.put(name, new CompositeType(name, list, owners.get(name))));
        }

        private void domains() throws SQLException {
            Map<Long, QualifiedName> byOid = new HashMap<>();
            Map<Long, Object[]> rows = new LinkedHashMap<>();
            query("SELECT t.oid, n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), "
                    + collationExpression("t.typcollation", "bt.typcollation") + ", t.typdefault, t.typnotnull,"
                    + " pg_get_userbyid(t.typowner) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " JOIN pg_type bt ON bt.oid = t.typbasetype"
                    + " WHERE t.typtype = 'd' AND " + USER_NAMESPACE + " AND " + notExtensionMember("pg_type", "t.oid"), rs -> {
                QualifiedName name = QualifiedName.of(rs.getString(2), rs.getString(3));
                byOid.put(rs.getLong(1), name);
                rows.put(rs.getLong(1), new Object[] {rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getBoolean(7), rs.getString(8)});
                typeRefs.put(rs.getLong(1), ObjectRef.of(ObjectRef.Kind.DOMAIN, name));
            });
            Map<Long, List<Constraint>> checks = new HashMap<>();
            query("SELECT con.contypid, con.conname, pg_get_constraintdef(con.oid), con.convalidated FROM pg_constraint con"
                    + " WHERE con.contypid <> 0 AND con.contype = 'c' ORDER BY con.conname", rs -> {
                if (byOid.containsKey(rs.getLong(1))) {
                    checks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Constraint(rs.getString(2),
                            Constraint.Kind.CHECK, stripConstraintTail(rs.getString(3)), List.of(), null, List.of(),
                            false, false, !rs.getBoolean(4)));
                }
            });
            rows.forEach((oid, r) -> {
                QualifiedName name = byOid.get(oid);
                b.domains.put(name, new Domain(name, (String) r[0], (String) r[1], (String) r[2], (Boolean) r[3],
                        checks.getOrDefault(oid, List.of()), (String) r[4]));
            });
        }

        /** Tables, views, materialized views and the parents of tables, in one pass over pg_class. */
        private void relations() throws SQLException {
            query("SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence = 'u',"
                    + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, c.relispartition,"
                    + " pg_get_expr(c.relpartbound, c.oid), c.relrowsecurity, c.relforcerowsecurity,"
                    + " pg_get_userbyid(c.relowner), CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,"
                    + " c.reloptions"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + USER_NAMESPACE + " AND "
                    + notExtensionMember("pg_class", "c.oid"), rs -> {
                long oid = rs.getLong(1);
                QualifiedName name = QualifiedName.of(rs.getString(2), rs.getString(3));
                String kind = rs.getString(4);
                relationNames.put(oid, name);
                switch (kind) {
                    case "r", "p" -> {
                        TableParts t = new TableParts(name);
                        t.unlogged = rs.getBoolean(5);
                        t.partitionBy = rs.getString(6);
                        t.partition = rs.getBoolean(7);
                        t.partitionBound = rs.getString(8);
                        t.rowSecurity = rs.getBoolean(9);
                        t.forceRowSecurity = rs.getBoolean(10);
                        t.owner = rs.getString(11);
                        tables.put(oid, t);
                        relationRefs.put(oid, ObjectRef.table(name));
                    }
                    case "v", "m" -> {
                        ViewParts v = new ViewParts(name, "m".equals(kind));
                        v.query = rs.getString(12);
                        v.owner = rs.getString(11);
                        for (String option : strings(rs.getArray(13))) {
                            if (option.startsWith("check_option=")) {
                                v.checkOption = option.substring("check_option=".length()).toUpperCase(java.util.Locale.ROOT);
                            } else {
                                v.options.add(option);
                            }
                        }
                        views.put(oid, v);
                        relationRefs.put(oid, ObjectRef.of(v.materialized ? ObjectRef.Kind.MATERIALIZED_VIEW
                                : ObjectRef.Kind.VIEW, name));
                    }
                    case "S" -> relationRefs.put(oid, ObjectRef.of(ObjectRef.Kind.SEQUENCE, name));
                    default -> {
                        // foreign tables are not modelled yet
                    }
                }
            });
            query("SELECT i.inhrelid, i.inhparent FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " WHERE c.relkind IN ('r', 'p') ORDER BY i.inhrelid, i.inhseqno", rs -> {
                TableParts t = tables.get(rs.getLong(1));
                QualifiedName parent = relationNames.get(rs.getLong(2));
                if (t != null && parent != null) {
                    if (t.partition) {
                        t.partitionOf = parent;
                    } else {
                        t.inherits.add(parent);
                    }
                }
            });
        }

        private void sequences() throws SQLException {
            query("SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,"
                    + " s.seqmin, s.seqmax, s.seqcache, s.seqcycle, pg_get_userbyid(c.relowner), d.refobjid, a.attname"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid"
                    + " LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid"
                    + "  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0"
                    + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                    + " WHERE c.relkind = 'S' AND " + USER_NAMESPACE + " AND " + notExtensionMember("pg_class", "c.oid")
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend di WHERE di.classid = 'pg_class'::regclass"
                    + "  AND di.objid = c.oid AND di.deptype = 'i')", rs -> {
                QualifiedName name = QualifiedName.of(rs.getString(2), rs.getString(3));
                long ownerTable = rs.getLong(12);
                ColumnRef ownedBy = null;
                if (!rs.wasNull()) {
                    QualifiedName table = relationNames.get(ownerTable);
                    if (table != null) {
                        ownedBy = new ColumnRef(table, rs.getString(13));
                    }
                }
                b.sequences.put(name, new Sequence(name, rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                        rs.getLong(8), rs.getLong(9), rs.getBoolean(10), ownedBy, rs.getString(11)));
            });
        }

        private void columns() throws SQLException {
            query("SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), "
                    + collationExpression("a.attcollation", "t.typcollation") + ", a.attnotnull,"
                    + " CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END, a.attidentity,"
                    + " CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END, c.relkind"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_type t ON t.oid = a.atttypid"
                    + " LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
                    + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND "
                    + USER_NAMESPACE + " ORDER BY a.attrelid, a.attnum", rs -> {
                long oid = rs.getLong(1);
                columnNames.put(oid + ":" + rs.getInt(2), rs.getString(3));
                TableParts t = tables.get(oid);
                if (t != null) {
                    String identity = rs.getString(8);
                    Column.Identity id = identity == null || identity.isEmpty() ? null
                            : "a".equals(identity) ? Column.Identity.ALWAYS : Column.Identity.BY_DEFAULT;
                    t.columns.add(new Column(rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                            rs.getString(7), id, rs.getString(9)));
                } else {
                    ViewParts v = views.get(oid);
                    if (v != null) {
                        v.columnNames.add(rs.getString(3));
                    }
                }
            });
        }

        private void constraints() throws SQLException {
            query("SELECT con.oid, con.conrelid, con.conname, con.contype, pg_get_constraintdef(con.oid),"
                    + " con.condeferrable, con.condeferred, con.convalidated, con.confrelid,"
                    + " ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)"
                    + "  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),"
                    + " ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)"
                    + "  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)"
                    + " FROM pg_constraint con WHERE con.conrelid <> 0 AND con.contype IN ('p', 'u', 'c', 'f', 'x')"
                    + " AND con.conislocal AND con.conparentid = 0", rs -> {
                TableParts t = tables.get(rs.getLong(2));
                if (t == null) {
                    return;
                }
                Constraint.Kind kind = switch (rs.getString(4)) {
                    case "p" -> Constraint.Kind.PRIMARY_KEY;
                    case "u" -> Constraint.Kind.UNIQUE;
                    case "c" -> Constraint.Kind.CHECK;
                    case "f" -> Constraint.Kind.FOREIGN_KEY;
                    default -> Constraint.Kind.EXCLUSION;
                };
                String name = rs.getString(3);
                QualifiedName references = kind == Constraint.Kind.FOREIGN_KEY ? relationNames.get(rs.getLong(9)) : null;
                t.constraints.put(name, new Constraint(name, kind, stripConstraintTail(rs.getString(5)),
                        strings(rs.getArray(10)), references, strings(rs.getArray(11)), rs.getBoolean(6),
                        rs.getBoolean(7), !rs.getBoolean(8)));
                constraintRefs.put(rs.getLong(1), ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, name, t.name));
            });
        }

        private void indexes() throws SQLException {
            query("SELECT i.indexrelid, i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, am.amname,"
                    + " ts.spcname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                    + " JOIN pg_am am ON am.oid = ic.relam LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace"
                    + " JOIN pg_namespace n ON n.oid = ic.relnamespace"
                    + " WHERE " + USER_NAMESPACE
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid"
                    + "  AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_inherits inh WHERE inh.inhrelid = i.indexrelid)", rs -> {
                long tableOid = rs.getLong(2);
                QualifiedName table = relationNames.get(tableOid);
                if (table == null) {
                    return;
                }
                QualifiedName name = QualifiedName.of(table.schema(), rs.getString(3));
                Index index = parseIndex(name, table, rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getString(7));
                relationRefs.put(rs.getLong(1), ObjectRef.of(ObjectRef.Kind.INDEX, name));
                TableParts t = tables.get(tableOid);
                if (t != null) {
                    t.indexes.put(name.name(), index);
                } else if (views.containsKey(tableOid)) {
                    views.get(tableOid).indexes.put(name.name(), index);
                }
            });
        }

        private void routines() throws SQLException {
            String kindColumn = serverVersion >= 110000 ? "p.prokind" : "CASE WHEN p.proisagg THEN 'a' ELSE 'f' END";
            Map<Long, Object[]> rows = new LinkedHashMap<>();
            query("SELECT p.oid, n.nspname, p.proname, " + kindColumn + ","
                    + " ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY x(t, o) ORDER BY o),"
                    + " pg_get_function_result(p.oid), l.lanname,"
                    + " CASE WHEN " + kindColumn + " <> 'a' THEN pg_get_functiondef(p.oid) END, pg_get_userbyid(p.proowner),"
                    + " pg_get_function_arguments(p.oid),"
                    + " a.aggtransfn::regproc::text, format_type(a.aggtranstype, NULL),"
                    + " CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::regproc::text END, a.agginitval,"
                    + " CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::regproc::text END,"
                    + " CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoperator::text END"
                    + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang"
                    + " LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid"
                    + " WHERE " + USER_NAMESPACE + " AND " + notExtensionMember("pg_proc", "p.oid"), rs -> {
                QualifiedName name = QualifiedName.of(rs.getString(2), rs.getString(3));
                RoutineSignature signature = new RoutineSignature(name, strings(rs.getArray(5)));
                Routine.Kind kind = switch (rs.getString(4)) {
                    case "p" -> Routine.Kind.PROCEDURE;
                    case "a" -> Routine.Kind.AGGREGATE;
                    default -> Routine.Kind.FUNCTION;
                };
                String definition = rs.getString(8);
                if (kind == Routine.Kind.AGGREGATE) {
                    StringBuilder sb = new StringBuilder("CREATE AGGREGATE ").append(name).append('(')
                            .append(rs.getString(10)).append(") (SFUNC = ").append(rs.getString(11))
                            .append(", STYPE = ").append(rs.getString(12));
                    if (rs.getString(13) != null) {
                        sb.append(", FINALFUNC = ").append(rs.getString(13));
                    }
                    if (rs.getString(14) != null) {
                        sb.append(", INITCOND = ").append(literal(rs.getString(14)));
                    }
                    if (rs.getString(15) != null) {
                        sb.append(", COMBINEFUNC = ").append(rs.getString(15));
                    }
                    if (rs.getString(16) != null) {
                        sb.append(", SORTOP = OPERATOR(").append(rs.getString(16).replaceAll("\\(.*$", "")).append(')');
                    }
                    definition = sb.append(')').toString();
                } else if (definition != null) {
                    definition = definition.strip();
                }
                rows.put(rs.getLong(1), new Object[] {signature, kind, kind == Routine.Kind.PROCEDURE ? null : rs.getString(6),
                        rs.getString(7), definition, rs.getString(9)});
                procRefs.put(rs.getLong(1), ObjectRef.routine(kind, signature));
            });
            routineRows = rows;
        }

        private Map<Long, Object[]> routineRows = Map.of();
        private final Map<Long, Set<ObjectRef>> routineDeps = new HashMap<>();

        private void triggers() throws SQLException {
            String notClone = serverVersion >= 130000 ? " AND t.tgparentid = 0" : "";
            query("SELECT t.oid, t.tgrelid, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled, t.tgfoid FROM pg_trigger t"
                    + " WHERE NOT t.tgisinternal" + notClone, rs -> {
                TableParts table = tables.get(rs.getLong(2));
                if (table == null) {
                    return;
                }
                ObjectRef fn = procRefs.get(rs.getLong(6));
                RoutineSignature function = null;
                if (fn != null) {
                    Object[] row = routineRows.get(rs.getLong(6));
                    function = (RoutineSignature) row[0];
                }
                String name = rs.getString(3);
                table.triggers.put(name, new Trigger(name, table.name, rs.getString(4), function, rs.getString(5).charAt(0)));
                triggerRefs.put(rs.getLong(1), ObjectRef.onTable(ObjectRef.Kind.TRIGGER, name, table.name));
            });
        }

        private void policies() throws SQLException {
            query("SELECT pol.oid, pol.polrelid, pol.polname, pol.polpermissive, pol.polcmd,"
                    + " ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END"
                    + "  FROM unnest(pol.polroles) r ORDER BY 1),"
                    + " pg_get_expr(pol.polqual, pol.polrelid), pg_get_expr(pol.polwithcheck, pol.polrelid) FROM pg_policy pol", rs -> {
                TableParts table = tables.get(rs.getLong(2));
                if (table == null) {
                    return;
                }
                String command = switch (rs.getString(5)) {
                    case "r" -> "SELECT";
                    case "a" -> "INSERT";
                    case "w" -> "UPDATE";
                    case "d" -> "DELETE";
                    default -> "ALL";
                };
                List<String> roles = strings(rs.getArray(6));
                if (roles.equals(List.of("PUBLIC"))) {
                    roles = List.of();
                }
                String name = rs.getString(3);
                table.policies.put(name, new Policy(name, table.name, rs.getBoolean(4), command, roles,
                        rs.getString(7), rs.getString(8)));
                policyRefs.put(rs.getLong(1), ObjectRef.onTable(ObjectRef.Kind.POLICY, name, table.name));
            });
        }

        /** What each view and materialized view reads: relations and routines, from its rewrite rule's dependencies. */
        private void viewDependencies() throws SQLException {
            query("SELECT DISTINCT r.ev_class, d.refclassid = 'pg_proc'::regclass, d.refobjid FROM pg_rewrite r"
                    + " JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
                    + "  AND d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass) AND d.refobjid <> r.ev_class"
                    + " JOIN pg_class vc ON vc.oid = r.ev_class AND vc.relkind IN ('v', 'm')", rs -> {
                ViewParts v = views.get(rs.getLong(1));
                if (v == null) {
                    return;
                }
                ObjectRef ref = rs.getBoolean(2) ? procRefs.get(rs.getLong(3)) : relationRefs.get(rs.getLong(3));
                if (ref != null && ref.kind() != ObjectRef.Kind.INDEX) {
                    v.dependsOn.add(ref);
                }
            });
        }

        /** Relations a routine needs: row types in its signature, tables of a BEGIN ATOMIC body. */
        private void routineDependencies() throws SQLException {
            query("SELECT d.objid, COALESCE(NULLIF(t.typrelid, 0), CASE WHEN d.refclassid = 'pg_class'::regclass"
                    + " THEN d.refobjid END), CASE WHEN d.refclassid = 'pg_type'::regclass AND t.typrelid = 0 THEN t.oid END,"
                    + " CASE WHEN d.refclassid = 'pg_proc'::regclass THEN d.refobjid END"
                    + " FROM pg_depend d LEFT JOIN pg_type t ON d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid"
                    + " WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'n'"
                    + " AND d.refclassid IN ('pg_type'::regclass, 'pg_class'::regclass, 'pg_proc'::regclass)", rs -> {
                long proc = rs.getLong(1);
                if (!routineRows.containsKey(proc)) {
                    return;
                }
                long rel = rs.getLong(2);
                ObjectRef ref = null;
                if (!rs.wasNull()) {
                    ref = relationRefs.get(rel);
                } else {
                    long type = rs.getLong(3);
                    if (!rs.wasNull()) {
                        ref = typeRefs.get(type);
                    } else {
                        long other = rs.getLong(4);
                        if (!rs.wasNull() && other != proc) {
                            ref = procRefs.get(other);
                        }
                    }
                }
                if (ref != null) {
                    routineDeps.computeIfAbsent(proc, k -> new HashSet<>()).add(ref);
                }
            });
            routineRows.forEach((oid, r) -> {
                RoutineSignature signature = (RoutineSignature) r[0];
                b.routines.put(signature, new Routine(signature, (Routine.Kind) r[1], (String) r[2], (String) r[3],
                        (String) r[4], routineDeps.getOrDefault(oid, Set.of()), (String) r[5]));
            });
        }

        private void textSearchConfigurations() throws SQLException {
            Map<Long, StringBuilder> sql = new LinkedHashMap<>();
            Map<Long, ObjectRef> refs = new HashMap<>();
            query("SELECT c.oid, n.nspname, c.cfgname, quote_ident(pn.nspname) || '.' || quote_ident(p.prsname)"
                    + " FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace"
                    + " JOIN pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace"
                    + " WHERE " + USER_NAMESPACE + " AND " + notExtensionMember("pg_ts_config", "c.oid"), rs -> {
                QualifiedName name = QualifiedName.of(rs.getString(2), rs.getString(3));
                ObjectRef ref = ObjectRef.of(ObjectRef.Kind.TEXT_SEARCH_CONFIGURATION, name);
                refs.put(rs.getLong(1), ref);
                sql.put(rs.getLong(1), new StringBuilder("CREATE TEXT SEARCH CONFIGURATION " + name
                        + " (PARSER = " + rs.getString(4) + ")"));
            });
            if (sql.isEmpty()) {
                return;
            }
            query("SELECT m.mapcfg, tt.alias, string_agg(quote_ident(dn.nspname) || '.' || quote_ident(d.dictname), ', '"
                    + " ORDER BY m.mapseqno) FROM pg_ts_config_map m JOIN pg_ts_config c ON c.oid = m.mapcfg"
                    + " JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype"
                    + " JOIN pg_ts_dict d ON d.oid = m.mapdict JOIN pg_namespace dn ON dn.oid = d.dictnamespace"
                    + " GROUP BY m.mapcfg, tt.alias ORDER BY m.mapcfg, tt.alias", rs -> {
                StringBuilder s = sql.get(rs.getLong(1));
                if (s != null) {
                    s.append(";\nALTER TEXT SEARCH CONFIGURATION ").append(refs.get(rs.getLong(1)).identity())
                            .append(" ADD MAPPING FOR ").append(rs.getString(2)).append(" WITH ").append(rs.getString(3));
                }
            });
            sql.forEach((oid, s) -> {
                ObjectRef ref = refs.get(oid);
                b.others.put(ref, new OtherObject(ref, s.toString(), "DROP TEXT SEARCH CONFIGURATION " + ref.identity(),
                        Set.of()));
                otherRefs.put(oid, ref);
            });
        }

        /** {@code ALTER TABLE ... CLUSTER ON index}: a mark on the table that pg_dump keeps, so the model keeps it too. */
        private void clusterMarks() throws SQLException {
            query("SELECT i.indrelid, ic.relname, n.nspname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                    + " JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE i.indisclustered", rs -> {
                QualifiedName relation = relationNames.get(rs.getLong(1));
                ObjectRef owner = relationRefs.get(rs.getLong(1));
                if (relation == null || owner == null) {
                    return;
                }
                // pg_dump writes ALTER TABLE for materialized views too, and PostgreSQL accepts it
                ObjectRef ref = new ObjectRef(ObjectRef.Kind.CLUSTER, relation.toString());
                b.others.put(ref, new OtherObject(ref, "ALTER TABLE " + relation + " CLUSTER ON "
                        + Identifiers.quote(rs.getString(2)), "ALTER TABLE " + relation + " SET WITHOUT CLUSTER",
                        Set.of(owner, ObjectRef.of(ObjectRef.Kind.INDEX, QualifiedName.of(rs.getString(3), rs.getString(2))))));
            });
        }

        private void assemble() {
            tables.forEach((oid, t) -> b.tables.put(t.name, new Table(t.name, t.columns, t.constraints, t.indexes,
                    t.triggers, t.policies, t.unlogged, t.partitionBy, t.partitionOf, t.partitionBound, t.inherits,
                    t.rowSecurity, t.forceRowSecurity, t.owner)));
            views.forEach((oid, v) -> b.views.put(v.name, new View(v.name, v.materialized, v.columnNames, v.query,
                    v.checkOption, v.options, v.dependsOn, v.indexes, v.owner)));
        }

        private void comments() throws SQLException {
            query("SELECT d.classoid::regclass::text, d.objoid, d.objsubid, d.description FROM pg_description d"
                    + " WHERE d.classoid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass,"
                    + " 'pg_namespace'::regclass, 'pg_constraint'::regclass, 'pg_trigger'::regclass,"
                    + " 'pg_policy'::regclass, 'pg_collation'::regclass, 'pg_ts_config'::regclass)", rs -> {
                long oid = rs.getLong(2);
                int sub = rs.getInt(3);
                ObjectRef ref = switch (rs.getString(1)) {
                    case "pg_class" -> {
                        ObjectRef rel = relationRefs.get(oid);
                        if (rel == null || sub == 0) {
                            yield rel;
                        }
                        String column = columnNames.get(oid + ":" + sub);
                        yield column == null ? null : new ObjectRef(ObjectRef.Kind.COLUMN,
                                rel.identity() + "." + Identifiers.quote(column));
                    }
                    case "pg_proc" -> procRefs.get(oid);
                    case "pg_type" -> typeRefs.get(oid);
                    case "pg_namespace" -> namespaceRefs.get(oid);
                    case "pg_constraint" -> constraintRefs.get(oid);
                    case "pg_trigger" -> triggerRefs.get(oid);
                    case "pg_policy" -> policyRefs.get(oid);
                    case "pg_collation" -> collationRefs.get(oid);
                    case "pg_ts_config" -> otherRefs.get(oid);
                    default -> null;
                };
                if (ref != null) {
                    b.comments.put(ref, rs.getString(4));
                }
            });
        }

        /**
         * Privileges granted beyond what the owner and PUBLIC hold by default ({@code acldefault}):
         * a table nobody granted anything on has no grants, whether its ACL is null or spelled out.
         */
        private void grants() throws SQLException {
            String explode = "SELECT %s, a.grantee, a.privilege_type, a.is_grantable FROM %s, aclexplode(%s) a"
                    + " WHERE %s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM aclexplode(acldefault(%s, %s)) d"
                    + "  WHERE d.grantee = a.grantee AND d.privilege_type = a.privilege_type)";
            grantQuery(String.format(explode, "c.oid, 0", "pg_class c", "c.relacl", "c.relacl",
                    "CASE WHEN c.relkind = 'S' THEN 's'::\"char\" ELSE 'r'::\"char\" END", "c.relowner"), relationRefs, true);
            grantQuery(String.format(explode, "a2.attrelid, a2.attnum", "pg_attribute a2", "a2.attacl", "a2.attacl",
                    "'c'::\"char\"", "0::oid"), relationRefs, true);
            grantQuery(String.format(explode, "p.oid, 0", "pg_proc p", "p.proacl", "p.proacl", "'f'::\"char\"",
                    "p.proowner"), procRefs, false);
            grantQuery(String.format(explode, "n.oid, 0", "pg_namespace n", "n.nspacl", "n.nspacl", "'n'::\"char\"",
                    "n.nspowner"), namespaceRefs, false);
            grantQuery(String.format(explode, "t.oid, 0", "pg_type t", "t.typacl", "t.typacl", "'T'::\"char\"",
                    "t.typowner"), typeRefs, false);
        }

        private void grantQuery(String sql, Map<Long, ObjectRef> refs, boolean columns) throws SQLException {
            query("SELECT x.*, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END FROM (" + sql
                    + ") x(oid, sub, grantee, privilege, grantable)", rs -> {
                ObjectRef ref = refs.get(rs.getLong(1));
                if (ref == null || ref.kind() == ObjectRef.Kind.INDEX) {
                    return;
                }
                int sub = rs.getInt(2);
                if (columns && sub > 0) {
                    String column = columnNames.get(rs.getLong(1) + ":" + sub);
                    if (column == null) {
                        return;
                    }
                    ref = new ObjectRef(ObjectRef.Kind.COLUMN, ref.identity() + "." + Identifiers.quote(column));
                }
                b.grants.add(new Grant(ref, rs.getString(6), rs.getString(4), rs.getBoolean(5)));
            });
        }

        private String collationExpression(String column, String typeCollation) {
            return "(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                    + " JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = " + column
                    + " AND " + column + " <> 0 AND " + column + " <> " + typeCollation + ")";
        }

        private String single(String sql) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }

        private void exec(String sql) throws SQLException {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }

        private void query(String sql, RowHandler handler) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            } catch (SQLException e) {
                throw new SQLException(e.getMessage() + " [in: " + sql + "]", e.getSQLState(), e);
            }
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private static final class TableParts {
        final QualifiedName name;
        final List<Column> columns = new ArrayList<>();
        final TreeMap<String, Constraint> constraints = new TreeMap<>();
        final TreeMap<String, Index> indexes = new TreeMap<>();
        final TreeMap<String, Trigger> triggers = new TreeMap<>();
        final TreeMap<String, Policy> policies = new TreeMap<>();
        final List<QualifiedName> inherits = new ArrayList<>();
        boolean unlogged;
        String partitionBy;
        boolean partition;
        QualifiedName partitionOf;
        String partitionBound;
        boolean rowSecurity;
        boolean forceRowSecurity;
        String owner;

        TableParts(QualifiedName name) {
            this.name = name;
        }
    }

    private static final class ViewParts {
        final QualifiedName name;
        final boolean materialized;
        final List<String> columnNames = new ArrayList<>();
        final List<String> options = new ArrayList<>();
        final Set<ObjectRef> dependsOn = new HashSet<>();
        final TreeMap<String, Index> indexes = new TreeMap<>();
        String query;
        String checkOption;
        String owner;

        ViewParts(QualifiedName name, boolean materialized) {
            this.name = name;
            this.materialized = materialized;
        }
    }

    static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    static String stripConstraintTail(String definition) {
        Matcher m = CONSTRAINT_TAIL.matcher(definition);
        return m.find() ? definition.substring(0, m.start()) : definition;
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * Splits {@code pg_get_indexdef} output into the parts of {@link Index}:
     * {@code CREATE [UNIQUE] INDEX name ON [ONLY] table USING method (keys) [INCLUDE (cols)]
     * [NULLS NOT DISTINCT] [WITH (...)] [WHERE predicate]}.
     */
    static Index parseIndex(QualifiedName name, QualifiedName table, String def, boolean unique, String method,
                            String tablespace) {
        int using = def.indexOf(" USING ");
        int open = def.indexOf('(', using);
        int close = matchingParen(def, open);
        List<String> keys = splitTopLevel(def.substring(open + 1, close));
        String rest = def.substring(close + 1).trim();
        List<String> include = List.of();
        if (rest.startsWith("INCLUDE (")) {
            int incClose = matchingParen(rest, rest.indexOf('('));
            include = splitTopLevel(rest.substring(rest.indexOf('(') + 1, incClose)).stream()
                    .map(Identifiers::fold).toList();
            rest = rest.substring(incClose + 1).trim();
        }
        boolean nullsNotDistinct = false;
        if (rest.startsWith("NULLS NOT DISTINCT")) {
            nullsNotDistinct = true;
            rest = rest.substring("NULLS NOT DISTINCT".length()).trim();
        }
        if (rest.startsWith("WITH (")) {
            // storage parameters are not part of the model (none in the corpus); they are skipped
            rest = rest.substring(matchingParen(rest, rest.indexOf('(')) + 1).trim();
        }
        if (rest.startsWith("TABLESPACE ")) {
            rest = rest.replaceFirst("^TABLESPACE \\S+\\s*", "");
        }
        String predicate = rest.startsWith("WHERE ") ? rest.substring("WHERE ".length()) : null;
        return new Index(name, table, unique, method, keys, include, predicate, nullsNotDistinct, tablespace);
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        boolean quote = false;
        boolean dquote = false;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'' && !dquote) {
                quote = !quote;
            } else if (ch == '"' && !quote) {
                dquote = !dquote;
            } else if (!quote && !dquote) {
                if (ch == '(') {
                    depth++;
                } else if (ch == ')') {
                    depth--;
                    if (depth == 0) {
                        return i;
                    }
                }
            }
        }
        throw new IllegalArgumentException("Unbalanced parentheses in index definition: " + s);
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quote = false;
        boolean dquote = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'' && !dquote) {
                quote = !quote;
            } else if (ch == '"' && !quote) {
                dquote = !dquote;
            } else if (!quote && !dquote) {
                if (ch == '(' || ch == '[') {
                    depth++;
                } else if (ch == ')' || ch == ']') {
                    depth--;
                } else if (ch == ',' && depth == 0) {
                    out.add(s.substring(start, i).trim());
                    start = i + 1;
                }
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start).trim());
        }
        return out;
    }
}
