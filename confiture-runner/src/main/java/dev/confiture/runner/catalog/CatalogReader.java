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
import dev.confiture.model.schema.IdentityOptions;
import dev.confiture.model.schema.ColumnRef;
import dev.confiture.model.schema.CompositeType;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.DefaultPrivileges;
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
import dev.confiture.model.schema.SecurityLabels;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.Trigger;
import dev.confiture.model.schema.View;
import dev.confiture.sql.ddl.OpaqueSql;
import dev.confiture.sql.ddl.ReplicaIdentity;
import dev.confiture.sql.ddl.StorageParameters;
import dev.confiture.sql.ddl.TypedTable;

/**
 * Reads a live PostgreSQL database into a {@link SchemaModel}: everything user-defined, leaving out
 * the system schemas, objects that belong to extensions ({@code pg_depend} deptype {@code e}) and
 * Confiture's own objects (the tracking table, the coordination store: {@link OwnObjects}, the rule the
 * diff engine applies to every comparison). One set-based query per object kind (about twenty-five in all),
 * never one per object, so that a 500-table schema reads in well under a second; all of them go to the server
 * as one text, in one round trip ({@link QueryBatch}), after one that reads the server version they depend on.
 * Each query is a resource {@code sql/<kind>.sql} next to this class (see {@link CatalogQueries}); rows
 * are read by column name.
 *
 * <p>The session's {@code search_path} is set to {@code pg_catalog} while reading, so that every
 * name PostgreSQL prints ({@code format_type}, {@code pg_get_expr}, {@code pg_get_viewdef} ...) is
 * schema-qualified and means the same thing wherever the SQL is later run; it is restored afterwards.
 */
public final class CatalogReader {

    public static final String DEFAULT_TRACKING_TABLE = "confiture_migrations";

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
        private final Map<Long, RoutineRow> routineRows = new LinkedHashMap<>();
        private final Map<Long, Set<ObjectRef>> routineDeps = new HashMap<>();
        private int serverVersion;
        private boolean readsSubscriptions;
        /** Every query of the read, sent in one round trip once all are added (see {@link QueryBatch}). */
        private final QueryBatch batch = new QueryBatch("SELECT set_config('search_path', 'pg_catalog', false)");

        Reading(Connection c) {
            this.c = c;
        }

        SchemaModel run() throws SQLException {
            String oldPath;
            // What the queries depend on, in one round trip; the queries follow in a second one, which sets
            // the search_path first.
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('search_path'),"
                    + " current_setting('server_version_num'),"
                    + " has_column_privilege('pg_catalog.pg_subscription', 'subconninfo', 'SELECT')")) {
                rs.next();
                oldPath = rs.getString(1);
                serverVersion = Integer.parseInt(rs.getString(2));
                readsSubscriptions = rs.getBoolean(3);
            }
            boolean autoCommit = c.getAutoCommit();
            try {
                addQueries();
                batch.run(c);
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

        /** Every query in the order its rows are read: a query's handler may use what the ones before it filled in. */
        private void addQueries() {
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
            opaqueObjects();
            subscriptions();
            clusterMarks();
            batch.then(this::assemble);
            comments();
            grants();
            defaultPrivileges();
            securityLabels();
        }

        private void schemas() {
            query("schemas", rs -> {
                String name = rs.getString("name");
                b.schemas.put(name, new Schema(name, rs.getString("owner")));
                namespaceRefs.put(rs.getLong("oid"), new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(name)));
            });
        }

        private void extensions() {
            query("extensions", rs -> b.extensions.put(rs.getString("name"),
                    new Extension(rs.getString("name"), rs.getString("schema"), rs.getString("version"))));
        }

        private void collations() {
            String icuLocale = serverVersion >= 170000 ? "c.colllocale" : serverVersion >= 150000 ? "c.colliculocale" : "NULL";
            query("collations", Map.of("ICU_LOCALE", icuLocale), rs -> {
                QualifiedName name = QualifiedName.of(rs.getString("schema"), rs.getString("name"));
                String provider = switch (rs.getString("provider")) {
                    case "i" -> "icu";
                    case "c" -> "libc";
                    case "b" -> "builtin";
                    default -> "default";
                };
                boolean icu = "icu".equals(provider);
                String locale = rs.getString("icu_locale");
                if (locale == null && icu) {
                    locale = rs.getString("collate");
                }
                b.collations.put(name, new Collation(name, provider, locale, icu ? null : rs.getString("collate"),
                        icu ? null : rs.getString("ctype"), rs.getBoolean("deterministic")));
                collationRefs.put(rs.getLong("oid"), ObjectRef.of(ObjectRef.Kind.COLLATION, name));
            });
        }

        private void types() {
            query("enums", rs -> {
                QualifiedName name = QualifiedName.of(rs.getString("schema"), rs.getString("name"));
                b.enums.put(name, new EnumType(name, strings(rs.getArray("labels")), rs.getString("owner")));
                typeRefs.put(rs.getLong("oid"), ObjectRef.of(ObjectRef.Kind.TYPE, name));
            });
            Map<QualifiedName, List<CompositeType.Attribute>> attributes = new TreeMap<>();
            Map<QualifiedName, String> owners = new HashMap<>();
            query("composites", rs -> {
                QualifiedName name = QualifiedName.of(rs.getString("schema"), rs.getString("name"));
                List<CompositeType.Attribute> list = attributes.computeIfAbsent(name, k -> new ArrayList<>());
                owners.put(name, rs.getString("owner"));
                if (rs.getString("attribute") != null) {
                    list.add(new CompositeType.Attribute(rs.getString("attribute"), rs.getString("type"),
                            rs.getString("collation")));
                }
                typeRefs.put(rs.getLong("oid"), ObjectRef.of(ObjectRef.Kind.TYPE, name));
            });
            batch.then(() -> attributes.forEach((name, list) -> b.composites.put(name,
                    new CompositeType(name, list, owners.get(name)))));
        }

        private void domains() {
            Map<Long, DomainRow> rows = new LinkedHashMap<>();
            query("domains", rs -> {
                QualifiedName name = QualifiedName.of(rs.getString("schema"), rs.getString("name"));
                rows.put(rs.getLong("oid"), new DomainRow(name, rs.getString("base_type"), rs.getString("collation"),
                        rs.getString("default_expression"), rs.getBoolean("not_null"), rs.getString("owner")));
                typeRefs.put(rs.getLong("oid"), ObjectRef.of(ObjectRef.Kind.DOMAIN, name));
            });
            Map<Long, List<Constraint>> checks = new HashMap<>();
            query("domain_checks", rs -> {
                long domain = rs.getLong("domain_oid");
                if (rows.containsKey(domain)) {
                    checks.computeIfAbsent(domain, k -> new ArrayList<>()).add(new Constraint(rs.getString("name"),
                            Constraint.Kind.CHECK, stripConstraintTail(rs.getString("definition")), List.of(), null,
                            List.of(), false, false, !rs.getBoolean("validated")));
                }
            });
            batch.then(() -> rows.forEach((oid, r) -> b.domains.put(r.name(), new Domain(r.name(), r.baseType(),
                    r.collation(), r.defaultExpression(), r.notNull(), checks.getOrDefault(oid, List.of()), r.owner()))));
        }

        /** Tables, views, materialized views and the parents of tables, in one pass over pg_class. */
        private void relations() {
            query("relations", rs -> {
                long oid = rs.getLong("oid");
                QualifiedName name = QualifiedName.of(rs.getString("schema"), rs.getString("name"));
                String kind = rs.getString("kind");
                relationNames.put(oid, name);
                switch (kind) {
                    case "r", "p" -> {
                        TableParts t = new TableParts(name);
                        t.unlogged = rs.getBoolean("unlogged");
                        t.partitionBy = rs.getString("partition_by");
                        t.partition = rs.getBoolean("is_partition");
                        t.partitionBound = rs.getString("partition_bound");
                        t.rowSecurity = rs.getBoolean("row_security");
                        t.forceRowSecurity = rs.getBoolean("force_row_security");
                        t.owner = rs.getString("owner");
                        tables.put(oid, t);
                        relationRefs.put(oid, ObjectRef.table(name));
                        storageParameters(ObjectRef.Kind.TABLE, name, StorageParameters.fromReloptions(
                                strings(rs.getArray("toast_options")), "toast.",
                                StorageParameters.fromReloptions(strings(rs.getArray("options")), "", new TreeMap<>())));
                        OtherObject replica = ReplicaIdentity.mark(name, rs.getString("replica_identity"),
                                rs.getString("replica_index"));
                        if (replica != null) {
                            b.others.put(replica.ref(), replica);
                        }
                        String ofType = rs.getString("of_type");
                        if (ofType != null) {
                            // CREATE TABLE t OF type: the table's columns are the type's; the mark ties them to it
                            OtherObject typed = TypedTable.mark(name, ofType);
                            b.others.put(typed.ref(), typed);
                        }
                    }
                    case "v", "m" -> {
                        ViewParts v = new ViewParts(name, "m".equals(kind));
                        v.query = rs.getString("view_query");
                        v.owner = rs.getString("owner");
                        for (String option : strings(rs.getArray("options"))) {
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
            query("inherits", rs -> {
                TableParts t = tables.get(rs.getLong("child"));
                QualifiedName parent = relationNames.get(rs.getLong("parent"));
                if (t != null && parent != null) {
                    if (t.partition) {
                        t.partitionOf = parent;
                    } else {
                        t.inherits.add(parent);
                    }
                }
            });
        }

        private void sequences() {
            query("sequences", rs -> {
                QualifiedName name = QualifiedName.of(rs.getString("schema"), rs.getString("name"));
                long ownerTable = rs.getLong("owner_table");
                ColumnRef ownedBy = null;
                if (!rs.wasNull()) {
                    QualifiedName table = relationNames.get(ownerTable);
                    if (table != null) {
                        ownedBy = new ColumnRef(table, rs.getString("owner_column"));
                    }
                }
                b.sequences.put(name, new Sequence(name, rs.getString("type"), rs.getLong("start"),
                        rs.getLong("increment"), rs.getLong("min_value"), rs.getLong("max_value"), rs.getLong("cache"),
                        rs.getBoolean("cycle"), ownedBy, rs.getString("owner")));
            });
        }

        private void columns() {
            query("columns", rs -> {
                long oid = rs.getLong("relation");
                columnNames.put(oid + ":" + rs.getInt("position"), rs.getString("name"));
                TableParts t = tables.get(oid);
                if (t != null) {
                    String identity = rs.getString("identity");
                    Column.Identity id = identity == null || identity.isEmpty() ? null
                            : "a".equals(identity) ? Column.Identity.ALWAYS : Column.Identity.BY_DEFAULT;
                    String type = rs.getString("type");
                    IdentityOptions options = id == null ? null : IdentityOptions.orNull(type,
                            rs.getLong("identity_start"), rs.getLong("identity_increment"), rs.getLong("identity_min"),
                            rs.getLong("identity_max"), rs.getLong("identity_cache"), rs.getBoolean("identity_cycle"));
                    t.columns.add(new Column(rs.getString("name"), type, rs.getString("collation"),
                            rs.getBoolean("not_null"), rs.getString("default_expression"), id,
                            rs.getString("generated_expression"), options));
                    if (rs.getBoolean("inherited_only")) {
                        t.inheritedOnly.add(rs.getString("name"));
                    }
                } else {
                    ViewParts v = views.get(oid);
                    if (v != null) {
                        v.columnNames.add(rs.getString("name"));
                    }
                }
            });
        }

        private void constraints() {
            query("constraints", rs -> {
                TableParts t = tables.get(rs.getLong("relation"));
                if (t == null) {
                    return;
                }
                Constraint.Kind kind = switch (rs.getString("kind")) {
                    case "p" -> Constraint.Kind.PRIMARY_KEY;
                    case "u" -> Constraint.Kind.UNIQUE;
                    case "c" -> Constraint.Kind.CHECK;
                    case "f" -> Constraint.Kind.FOREIGN_KEY;
                    default -> Constraint.Kind.EXCLUSION;
                };
                String name = rs.getString("name");
                QualifiedName references = kind == Constraint.Kind.FOREIGN_KEY
                        ? relationNames.get(rs.getLong("referenced_relation")) : null;
                t.constraints.put(name, new Constraint(name, kind, stripConstraintTail(rs.getString("definition")),
                        strings(rs.getArray("columns")), references, strings(rs.getArray("referenced_columns")),
                        rs.getBoolean("deferrable"), rs.getBoolean("deferred"), !rs.getBoolean("validated")));
                constraintRefs.put(rs.getLong("oid"), ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, name, t.name));
            });
        }

        private void indexes() {
            query("indexes", rs -> {
                long tableOid = rs.getLong("relation");
                QualifiedName table = relationNames.get(tableOid);
                if (table == null) {
                    return;
                }
                QualifiedName name = QualifiedName.of(table.schema(), rs.getString("name"));
                Index index = parseIndex(name, table, rs.getString("definition"), rs.getBoolean("is_unique"),
                        rs.getString("method"), rs.getString("tablespace"));
                relationRefs.put(rs.getLong("oid"), ObjectRef.of(ObjectRef.Kind.INDEX, name));
                TableParts t = tables.get(tableOid);
                if (t != null) {
                    t.indexes.put(name.name(), index);
                    storageParameters(ObjectRef.Kind.INDEX, name,
                            StorageParameters.fromReloptions(strings(rs.getArray("options")), "", new TreeMap<>()));
                } else if (views.containsKey(tableOid)) {
                    views.get(tableOid).indexes.put(name.name(), index);
                }
            });
        }

        private void routines() {
            String kindColumn = serverVersion >= 110000 ? "p.prokind" : "CASE WHEN p.proisagg THEN 'a' ELSE 'f' END";
            query("routines", Map.of("PROKIND", kindColumn), rs -> {
                QualifiedName name = QualifiedName.of(rs.getString("schema"), rs.getString("name"));
                RoutineSignature signature = new RoutineSignature(name, strings(rs.getArray("argument_types")));
                Routine.Kind kind = switch (rs.getString("kind")) {
                    case "p" -> Routine.Kind.PROCEDURE;
                    case "a" -> Routine.Kind.AGGREGATE;
                    default -> Routine.Kind.FUNCTION;
                };
                String definition = rs.getString("definition");
                if (kind == Routine.Kind.AGGREGATE) {
                    definition = aggregateDefinition(name, rs);
                } else if (definition != null) {
                    definition = definition.strip();
                }
                routineRows.put(rs.getLong("oid"), new RoutineRow(signature, kind,
                        kind == Routine.Kind.PROCEDURE ? null : rs.getString("result"), rs.getString("language"),
                        definition, rs.getString("owner")));
                procRefs.put(rs.getLong("oid"), ObjectRef.routine(kind, signature));
            });
        }

        /** pg_get_functiondef does not print aggregates: the CREATE AGGREGATE is written from pg_aggregate. */
        private String aggregateDefinition(QualifiedName name, ResultSet rs) throws SQLException {
            StringBuilder sb = new StringBuilder("CREATE AGGREGATE ").append(name).append('(')
                    .append(rs.getString("arguments")).append(") (SFUNC = ").append(rs.getString("agg_sfunc"))
                    .append(", STYPE = ").append(rs.getString("agg_stype"));
            if (rs.getString("agg_finalfunc") != null) {
                sb.append(", FINALFUNC = ").append(rs.getString("agg_finalfunc"));
            }
            // pg_dump's order, and OpaqueSql's spelling, as the DDL interpreter keeps an aggregate
            if (rs.getString("agg_combinefunc") != null) {
                sb.append(", COMBINEFUNC = ").append(rs.getString("agg_combinefunc"));
            }
            if (rs.getString("agg_initcond") != null) {
                sb.append(", INITCOND = ").append(literal(rs.getString("agg_initcond")));
            }
            if (rs.getString("agg_sortop") != null) {
                sb.append(", SORTOP = OPERATOR(").append(rs.getString("agg_sortop").replaceAll("\\(.*$", "")).append(')');
            }
            return OpaqueSql.canonical(sb.append(')').toString());
        }

        private void triggers() {
            String notClone = serverVersion >= 130000 ? " AND t.tgparentid = 0" : "";
            query("triggers", Map.of("NOT_CLONE", notClone), rs -> {
                TableParts table = tables.get(rs.getLong("relation"));
                ViewParts view = table == null ? views.get(rs.getLong("relation")) : null;
                if (table == null && view == null) {
                    return;
                }
                QualifiedName on = table != null ? table.name : view.name;
                RoutineRow fn = routineRows.get(rs.getLong("function"));
                RoutineSignature function = fn == null ? null : fn.signature();
                String name = rs.getString("name");
                // a view's triggers (INSTEAD OF) hang off the view, as a table's off the table
                (table != null ? table.triggers : view.triggers).put(name, new Trigger(name, on,
                        rs.getString("definition"), function, rs.getString("enabled").charAt(0)));
                triggerRefs.put(rs.getLong("oid"), ObjectRef.onTable(ObjectRef.Kind.TRIGGER, name, on));
            });
        }

        private void policies() {
            query("policies", rs -> {
                TableParts table = tables.get(rs.getLong("relation"));
                if (table == null) {
                    return;
                }
                String command = switch (rs.getString("command")) {
                    case "r" -> "SELECT";
                    case "a" -> "INSERT";
                    case "w" -> "UPDATE";
                    case "d" -> "DELETE";
                    default -> "ALL";
                };
                List<String> roles = strings(rs.getArray("roles"));
                if (roles.equals(List.of("PUBLIC"))) {
                    roles = List.of();
                }
                String name = rs.getString("name");
                table.policies.put(name, new Policy(name, table.name, rs.getBoolean("permissive"), command, roles,
                        rs.getString("using_expression"), rs.getString("check_expression")));
                policyRefs.put(rs.getLong("oid"), ObjectRef.onTable(ObjectRef.Kind.POLICY, name, table.name));
            });
        }

        /** What each view and materialized view reads: relations and routines, from its rewrite rule's dependencies. */
        private void viewDependencies() {
            query("view_dependencies", rs -> {
                ViewParts v = views.get(rs.getLong("view"));
                if (v == null) {
                    return;
                }
                long referenced = rs.getLong("referenced");
                ObjectRef ref = rs.getBoolean("is_routine") ? procRefs.get(referenced) : relationRefs.get(referenced);
                if (ref != null && ref.kind() != ObjectRef.Kind.INDEX) {
                    v.dependsOn.add(ref);
                }
            });
        }

        /** Relations a routine needs: row types in its signature, tables of a BEGIN ATOMIC body. */
        private void routineDependencies() {
            query("routine_dependencies", rs -> {
                long proc = rs.getLong("routine");
                if (!routineRows.containsKey(proc)) {
                    return;
                }
                long rel = rs.getLong("relation");
                ObjectRef ref = null;
                if (!rs.wasNull()) {
                    ref = relationRefs.get(rel);
                } else {
                    long type = rs.getLong("type");
                    if (!rs.wasNull()) {
                        ref = typeRefs.get(type);
                    } else {
                        long other = rs.getLong("other_routine");
                        if (!rs.wasNull() && other != proc) {
                            ref = procRefs.get(other);
                        }
                    }
                }
                if (ref != null) {
                    routineDeps.computeIfAbsent(proc, k -> new HashSet<>()).add(ref);
                }
            });
            batch.then(() -> routineRows.forEach((oid, r) -> b.routines.put(r.signature(), new Routine(r.signature(),
                    r.kind(), r.result(), r.language(), r.definition(), routineDeps.getOrDefault(oid, Set.of()), r.owner()))));
        }

        /**
         * The kinds the model keeps opaque (operators, operator classes and families, casts, text search
         * objects, foreign data wrappers ...: see opaque_objects.sql), each as pg_dump writes it, in the spelling
         * {@link OpaqueSql} gives the DDL interpreter's reading of the same statements.
         */
        private void opaqueObjects() {
            boolean v15 = serverVersion >= 150000;
            Map<String, String> parts = Map.of(
                    "PUBLICATION_TABLE_PARTS", v15 ? "|| COALESCE(' (' || (SELECT string_agg(quote_ident(a.attname), ', '"
                            + " ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = pr.prrelid"
                            + " AND a.attnum = ANY (pr.prattrs)) || ')', '')"
                            + " || COALESCE(' WHERE (' || pg_get_expr(pr.prqual, pr.prrelid) || ')', '')" : "",
                    "PUBLICATION_SCHEMAS", v15 ? "|| ARRAY(SELECT 'ALTER PUBLICATION ' || quote_ident(p.pubname)"
                            + " || ' ADD TABLES IN SCHEMA ' || quote_ident(sn.nspname) FROM pg_publication_namespace ps"
                            + " JOIN pg_namespace sn ON sn.oid = ps.pnnspid WHERE ps.pnpubid = p.oid ORDER BY sn.nspname)" : "",
                    // PostgreSQL 14 and later make a multirange type with each range type
                    "RANGE_MULTIRANGE", serverVersion >= 140000 ? ", 'multirange_type_name = ' || format_type(r.rngmultitypid, NULL)" : "");
            query("opaque_objects", parts, rs -> other(rs.getLong("oid"), ObjectRef.Kind.valueOf(rs.getString("kind")),
                    rs.getString("identity"), rs.getString("definition"), strings(rs.getArray("follow_ups"))));
        }

        /** Subscriptions, when this session may read their connection strings (pg_dump needs the same). */
        private void subscriptions() {
            if (!readsSubscriptions) {
                return;
            }
            String options = serverVersion >= 150000
                    ? "|| CASE WHEN s.subbinary THEN ', binary = true' ELSE '' END"
                    + " || CASE WHEN s.substream::text NOT IN ('f', 'false') THEN ', streaming = on' ELSE '' END"
                    + " || CASE WHEN s.subtwophasestate <> 'd' THEN ', two_phase = on' ELSE '' END"
                    + " || CASE WHEN s.subdisableonerr THEN ', disable_on_error = true' ELSE '' END" : "";
            query("subscriptions", Map.of("SUBSCRIPTION_OPTIONS", options), rs -> other(rs.getLong("oid"),
                    ObjectRef.Kind.SUBSCRIPTION, rs.getString("identity"), rs.getString("definition"), List.of()));
        }

        private void other(long oid, ObjectRef.Kind kind, String identity, String create, List<String> followUps) {
            ObjectRef ref = new ObjectRef(kind, identity);
            b.others.put(ref, new OtherObject(ref, OpaqueSql.definition(create, followUps), OpaqueSql.dropSql(ref),
                    Set.of()));
            otherRefs.put(oid, ref);
        }

        /** A table's or an index's storage parameters ({@link StorageParameters}), when it has any. */
        private void storageParameters(ObjectRef.Kind kind, QualifiedName relation, Map<String, String> parameters) {
            OtherObject mark = StorageParameters.mark(kind, relation, parameters);
            if (mark != null) {
                b.others.put(mark.ref(), mark);
            }
        }

        /** {@code ALTER TABLE ... CLUSTER ON index}: a mark on the table that pg_dump keeps, so the model keeps it too. */
        private void clusterMarks() {
            query("cluster_marks", rs -> {
                long oid = rs.getLong("relation");
                QualifiedName relation = relationNames.get(oid);
                ObjectRef owner = relationRefs.get(oid);
                if (relation == null || owner == null) {
                    return;
                }
                String index = rs.getString("index_name");
                // pg_dump writes ALTER TABLE for materialized views too, and PostgreSQL accepts it
                ObjectRef ref = new ObjectRef(ObjectRef.Kind.CLUSTER, relation.toString());
                b.others.put(ref, new OtherObject(ref, "ALTER TABLE " + relation + " CLUSTER ON "
                        + Identifiers.quote(index), "ALTER TABLE " + relation + " SET WITHOUT CLUSTER",
                        Set.of(owner, ObjectRef.of(ObjectRef.Kind.INDEX, QualifiedName.of(rs.getString("index_schema"), index)))));
            });
        }

        private void assemble() {
            tables.forEach((oid, t) -> b.tables.put(t.name, new Table(t.name, t.columns, t.constraints, t.indexes,
                    t.triggers, t.policies, t.unlogged, t.partitionBy, t.partitionOf, t.partitionBound, t.inherits,
                    t.rowSecurity, t.forceRowSecurity, t.owner, t.inheritedOnly)));
            views.forEach((oid, v) -> b.views.put(v.name, new View(v.name, v.materialized, v.columnNames, v.query,
                    v.checkOption, v.options, v.dependsOn, v.indexes, v.owner, v.triggers)));
        }

        private void comments() {
            query("comments", rs -> {
                ObjectRef ref = objectRef(rs.getString("catalog"), rs.getLong("oid"), rs.getInt("sub"));
                if (ref != null) {
                    b.comments.put(ref, rs.getString("text"));
                }
            });
        }

        /** The object a (catalog, oid, sub) row of pg_description or pg_seclabel is about, or null when not read. */
        private ObjectRef objectRef(String catalog, long oid, int sub) {
            return switch (catalog) {
                case "pg_class" -> {
                    ObjectRef rel = relationRefs.get(oid);
                    if (rel == null) {
                        yield otherRefs.get(oid); // a foreign table
                    }
                    if (sub == 0) {
                        yield rel;
                    }
                    String column = columnNames.get(oid + ":" + sub);
                    yield column == null ? null : new ObjectRef(ObjectRef.Kind.COLUMN,
                            rel.identity() + "." + Identifiers.quote(column));
                }
                case "pg_proc" -> procRefs.get(oid);
                case "pg_type" -> typeRefs.getOrDefault(oid, otherRefs.get(oid)); // or a range type
                case "pg_namespace" -> namespaceRefs.get(oid);
                case "pg_constraint" -> constraintRefs.get(oid);
                case "pg_trigger" -> triggerRefs.get(oid);
                case "pg_policy" -> policyRefs.get(oid);
                case "pg_collation" -> collationRefs.get(oid);
                default -> otherRefs.get(oid);
            };
        }

        /**
         * Security labels (pg_seclabel; those of databases, roles and tablespaces, in pg_shseclabel, are
         * cluster-wide), as {@link SecurityLabels} objects. A stock server has no label provider, so this only
         * reads what a provider such as sepgsql left.
         */
        private void securityLabels() {
            query("security_labels", rs -> {
                long oid = rs.getLong("oid");
                ObjectRef target = objectRef(rs.getString("catalog"), oid, rs.getInt("sub"));
                if (rs.getInt("sub") > 0 && !relationRefs.containsKey(oid)) {
                    ObjectRef table = otherRefs.get(oid); // a foreign table's column
                    target = table == null || rs.getString("column") == null ? null : new ObjectRef(ObjectRef.Kind.COLUMN,
                            table.identity() + "." + Identifiers.quote(rs.getString("column")));
                }
                if (target != null) {
                    OtherObject label = SecurityLabels.of(rs.getString("provider"), target, rs.getString("label"));
                    b.others.put(label.ref(), label);
                }
            });
        }

        /** Privileges beyond the defaults (see grants.sql), attached to the objects this read knows. */
        private void grants() {
            query("grants", rs -> {
                long oid = rs.getLong("oid");
                ObjectRef ref = switch (rs.getString("target")) {
                    case "relation" -> relationRefs.getOrDefault(oid, otherRefs.get(oid)); // or a foreign table
                    case "routine" -> procRefs.get(oid);
                    case "schema" -> namespaceRefs.get(oid);
                    case "type" -> typeRefs.getOrDefault(oid, otherRefs.get(oid)); // or a range type
                    case "foreign_data_wrapper", "server" -> otherRefs.get(oid);
                    default -> null;
                };
                if (ref == null || ref.kind() == ObjectRef.Kind.INDEX) {
                    return;
                }
                int sub = rs.getInt("sub");
                if (sub > 0) {
                    String column = rs.getString("column");
                    if (column == null) {
                        return;
                    }
                    ref = new ObjectRef(ObjectRef.Kind.COLUMN, ref.identity() + "." + Identifiers.quote(column));
                }
                b.grants.add(new Grant(ref, rs.getString("grantee"), rs.getString("privilege"),
                        rs.getBoolean("grantable"), rs.getBoolean("revoked")));
            });
        }

        /** Default privileges as {@link DefaultPrivileges} rows (see default_privileges.sql). */
        private void defaultPrivileges() {
            query("default_privileges", rs -> {
                if ("OTHER".equals(rs.getString("object_type"))) {
                    return; // large objects (PostgreSQL 18): data, not schema
                }
                DefaultPrivileges.Target t = new DefaultPrivileges.Target(rs.getString("role"), rs.getString("schema"),
                        rs.getString("object_type"));
                b.grants.add(new Grant("granted".equals(rs.getString("kind")) ? t.granted() : t.revoked(),
                        rs.getString("grantee"), rs.getString("privilege"), rs.getBoolean("grantable")));
            });
        }

        private void exec(String sql) throws SQLException {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }

        private void query(String name, QueryBatch.RowHandler handler) {
            query(name, Map.of(), handler);
        }

        /** Adds the catalog query {@code sql/<name>.sql} to the batch; its rows go to the handler, in order. */
        private void query(String name, Map<String, String> values, QueryBatch.RowHandler handler) {
            batch.query(name, CatalogQueries.sql(name, values), handler);
        }
    }

    /** A domain's own columns, kept until its CHECK constraints are read. */
    private record DomainRow(QualifiedName name, String baseType, String collation, String defaultExpression,
                             boolean notNull, String owner) {
    }

    /** A routine's own columns, kept until its dependencies are read. */
    private record RoutineRow(RoutineSignature signature, Routine.Kind kind, String result, String language,
                              String definition, String owner) {
    }

    private static final class TableParts {
        final QualifiedName name;
        final List<Column> columns = new ArrayList<>();
        final TreeMap<String, Constraint> constraints = new TreeMap<>();
        final TreeMap<String, Index> indexes = new TreeMap<>();
        final TreeMap<String, Trigger> triggers = new TreeMap<>();
        final TreeMap<String, Policy> policies = new TreeMap<>();
        final List<QualifiedName> inherits = new ArrayList<>();
        final java.util.Set<String> inheritedOnly = new java.util.TreeSet<>();
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
        final TreeMap<String, Trigger> triggers = new TreeMap<>();
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
