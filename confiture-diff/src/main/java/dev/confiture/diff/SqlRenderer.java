package dev.confiture.diff;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.diff.SchemaChange.*;
import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.CompositeType;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Domain;
import dev.confiture.model.schema.DefaultPrivileges;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.Policy;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.View;

/**
 * The one place that writes SQL: each typed change becomes one or more statements (without the
 * closing semicolon). Destructive steps are preceded by a {@code -- WARNING: destructive: ...} line.
 */
final class SqlRenderer {

    static final String WARNING_PREFIX = "-- WARNING: destructive: ";
    static final String REVIEW_PREFIX = "-- REVIEW: ";

    private SqlRenderer() {
    }

    static List<String> render(SchemaChange change) {
        List<String> sql = statements(change);
        if (change.review() != null && !sql.isEmpty()) {
            sql = new ArrayList<>(sql);
            int last = sql.size() - 1; // the step that converts is the last (after DROP DEFAULT)
            for (int i = 0; i < sql.size(); i++) {
                if (sql.get(i).contains(" USING ")) {
                    last = i;
                }
            }
            sql.set(last, REVIEW_PREFIX + change.review() + "\n" + sql.get(last));
        }
        if (change.destructive() && !sql.isEmpty()) {
            sql = new ArrayList<>(sql);
            sql.set(0, WARNING_PREFIX + change.description() + "\n" + sql.get(0));
        }
        return sql;
    }

    private static List<String> statements(SchemaChange change) {
        if (change instanceof Prelude) {
            return List.of("SET check_function_bodies = false");
        } else if (change instanceof CreateSchema c) {
            return List.of("CREATE SCHEMA " + q(c.schema().name()));
        } else if (change instanceof DropSchema c) {
            return List.of("DROP SCHEMA " + q(c.schema().name()));
        } else if (change instanceof CreateExtension c) {
            StringBuilder sb = new StringBuilder("CREATE EXTENSION IF NOT EXISTS ").append(q(c.extension().name()))
                    .append(" WITH SCHEMA ").append(q(c.extension().schema()));
            if (c.extension().version() != null) {
                sb.append(" VERSION ").append(literal(c.extension().version()));
            }
            // CASCADE: an extension it requires (earthdistance needs cube) is created first when missing
            return List.of(sb.append(" CASCADE").toString());
        } else if (change instanceof DropExtension c) {
            // by the time extensions are dropped, every object of the target that used them is gone; CASCADE
            // takes extensions that require this one (dropped by their own step too, hence IF EXISTS)
            return List.of("DROP EXTENSION IF EXISTS " + q(c.extension().name()) + " CASCADE");
        } else if (change instanceof AlterExtension c && c.downgrade()) {
            return List.of("DROP EXTENSION " + q(c.from().name()),
                    statements(new CreateExtension(c.to())).get(0).replace("IF NOT EXISTS ", ""));
        } else if (change instanceof AlterExtension c) {
            List<String> out = new ArrayList<>();
            if (!c.from().schema().equals(c.to().schema())) {
                out.add("ALTER EXTENSION " + q(c.to().name()) + " SET SCHEMA " + q(c.to().schema()));
            }
            if (c.to().version() != null && !c.to().version().equals(c.from().version())) {
                out.add("ALTER EXTENSION " + q(c.to().name()) + " UPDATE TO " + literal(c.to().version()));
            }
            return out;
        } else if (change instanceof CreateCollation c) {
            var col = c.collation();
            StringBuilder sb = new StringBuilder("CREATE COLLATION ").append(col.name()).append(" (provider = ")
                    .append(col.provider());
            if (col.locale() != null) {
                sb.append(", locale = ").append(literal(col.locale()));
            } else {
                sb.append(", lc_collate = ").append(literal(col.lcCollate())).append(", lc_ctype = ")
                        .append(literal(col.lcCtype()));
            }
            if (!col.deterministic()) {
                sb.append(", deterministic = false");
            }
            return List.of(sb.append(')').toString());
        } else if (change instanceof DropCollation c) {
            return List.of("DROP COLLATION " + c.collation().name());
        } else if (change instanceof CreateEnum c) {
            return List.of("CREATE TYPE " + c.type().name() + " AS ENUM (" + labels(c.type().labels()) + ")");
        } else if (change instanceof DropEnum c) {
            return List.of("DROP TYPE " + c.type().name());
        } else if (change instanceof AddEnumValue c) {
            String position = c.after() != null ? " AFTER " + literal(c.after())
                    : c.before() != null ? " BEFORE " + literal(c.before()) : "";
            return List.of("ALTER TYPE " + c.type().name() + " ADD VALUE " + literal(c.label()) + position);
        } else if (change instanceof RecreateEnum c) {
            return recreateEnum(c);
        } else if (change instanceof DropRenamedEnum c) {
            return List.of("DROP TYPE " + q(c.type().name().schema()) + "." + q(c.oldName()));
        } else if (change instanceof CreateDomain c) {
            return List.of(createDomain(c.domain()));
        } else if (change instanceof DropDomain c) {
            return List.of("DROP DOMAIN " + c.domain().name());
        } else if (change instanceof AlterDomain c) {
            return alterDomain(c.from(), c.to());
        } else if (change instanceof CreateComposite c) {
            return List.of(createComposite(c.type()));
        } else if (change instanceof DropComposite c) {
            return List.of("DROP TYPE " + c.type().name());
        } else if (change instanceof AlterComposite c) {
            return alterComposite(c.from(), c.to());
        } else if (change instanceof CreateOther c) {
            return List.of(c.other().createSql().split(";\n"));
        } else if (change instanceof DropOther c) {
            return List.of(c.other().dropSql());
        } else if (change instanceof CreateSequence c) {
            return List.of("CREATE SEQUENCE " + c.sequence().name() + sequenceOptions(c.sequence(), true));
        } else if (change instanceof AlterSequence c) {
            return SequenceAlteration.sql(c.from(), c.to());
        } else if (change instanceof DropSequence c) {
            return List.of("DROP SEQUENCE " + (c.ifExists() ? "IF EXISTS " : "") + c.sequence().name());
        } else if (change instanceof SetSequenceOwner c) {
            Sequence s = c.sequence();
            return List.of("ALTER SEQUENCE " + s.name() + " OWNED BY " + (c.release() ? "NONE" : s.ownedBy().toString()));
        } else if (change instanceof CreateRoutine c) {
            return List.of(createRoutine(c.routine()));
        } else if (change instanceof ReplaceRoutine c) {
            return List.of(createRoutine(c.to()));
        } else if (change instanceof DropRoutine c) {
            return List.of("DROP " + c.routine().kind().name() + " " + c.routine().signature());
        } else if (change instanceof CreateTable c) {
            return List.of(createTable(c.table(), c.inheritedColumns()));
        } else if (change instanceof DropTable c) {
            return List.of("DROP TABLE " + c.table().name());
        } else if (change instanceof AddColumn c) {
            return List.of("ALTER TABLE " + c.table() + " ADD COLUMN " + columnDefinition(c.column()));
        } else if (change instanceof DropColumn c) {
            return List.of("ALTER TABLE " + c.table() + " DROP COLUMN " + q(c.column().name()));
        } else if (change instanceof SchemaChange.DropDefaultEarly c) {
            return List.of("ALTER TABLE " + c.table() + " ALTER COLUMN " + q(c.column()) + " DROP DEFAULT");
        } else if (change instanceof SchemaChange.DropIdentity c) {
            return List.of("ALTER TABLE " + c.table() + " ALTER COLUMN " + q(c.column()) + " DROP IDENTITY");
        } else if (change instanceof AlterColumn c) {
            return alterColumn(c);
        } else if (change instanceof AlterTableOptions c) {
            return tableOptions(c.from(), c.to());
        } else if (change instanceof AddConstraint c) {
            return List.of("ALTER TABLE " + c.table() + " ADD CONSTRAINT " + q(c.constraint().name()) + " "
                    + c.constraint().fullDefinition());
        } else if (change instanceof DropConstraint c) {
            return List.of("ALTER TABLE " + c.table() + " DROP CONSTRAINT " + q(c.constraint().name()));
        } else if (change instanceof ValidateConstraint c) {
            return List.of("ALTER TABLE " + c.table() + " VALIDATE CONSTRAINT " + q(c.constraint().name()));
        } else if (change instanceof CreateIndex c) {
            return List.of(c.index().createSql());
        } else if (change instanceof DropIndex c) {
            return List.of("DROP INDEX " + c.index().name());
        } else if (change instanceof CreateTrigger c) {
            return List.of(c.trigger().definition());
        } else if (change instanceof DropTrigger c) {
            return List.of("DROP TRIGGER " + q(c.trigger().name()) + " ON " + c.trigger().table());
        } else if (change instanceof SetTriggerEnabled c) {
            String verb = switch (c.trigger().enabled()) {
                case 'D' -> "DISABLE TRIGGER ";
                case 'R' -> "ENABLE REPLICA TRIGGER ";
                case 'A' -> "ENABLE ALWAYS TRIGGER ";
                default -> "ENABLE TRIGGER ";
            };
            return List.of("ALTER TABLE " + c.trigger().table() + " " + verb + q(c.trigger().name()));
        } else if (change instanceof CreatePolicy c) {
            return List.of(createPolicy(c.policy()));
        } else if (change instanceof DropPolicy c) {
            return List.of("DROP POLICY " + q(c.policy().name()) + " ON " + c.policy().table());
        } else if (change instanceof CreateView c) {
            return List.of(createView(c.view()));
        } else if (change instanceof DropView c) {
            return List.of("DROP " + (c.view().materialized() ? "MATERIALIZED VIEW " : "VIEW ") + c.view().name());
        } else if (change instanceof SetComment c) {
            return List.of("COMMENT ON " + c.target().kind().sql() + " " + c.target().identity() + " IS "
                    + (c.text() == null ? "NULL" : literal(c.text())));
        } else if (change instanceof GrantPrivilege c && DefaultPrivileges.isDefaultPrivileges(c.grant().object())) {
            return List.of(DefaultPrivileges.sql(c.grant(), true));
        } else if (change instanceof RevokePrivilege c && DefaultPrivileges.isDefaultPrivileges(c.grant().object())) {
            return List.of(DefaultPrivileges.sql(c.grant(), false));
        } else if (change instanceof GrantPrivilege c) {
            Grant g = c.grant();
            // a default privilege revoked is set by a REVOKE, and given back by a GRANT
            return List.of(g.revoked() ? revoke(g) : "GRANT " + privilegeOn(g) + " TO " + grantee(g.grantee())
                    + (g.withGrantOption() ? " WITH GRANT OPTION" : ""));
        } else if (change instanceof RevokePrivilege c) {
            Grant g = c.grant();
            return List.of(g.revoked() ? "GRANT " + privilegeOn(g) + " TO " + grantee(g.grantee()) : revoke(g));
        } else if (change instanceof AlterOwner c) {
            return List.of(alterOwner(c.target(), c.owner()));
        }
        throw new IllegalStateException("No SQL for " + change);
    }

    private static List<String> recreateEnum(RecreateEnum c) {
        List<String> out = new ArrayList<>();
        String name = c.to().name().toString();
        String old = q(c.to().name().schema()) + "." + q(Differ.renamedEnum(c.to()));
        out.add("ALTER TYPE " + name + " RENAME TO " + q(Differ.renamedEnum(c.to())));
        out.add("CREATE TYPE " + name + " AS ENUM (" + labels(c.to().labels()) + ")");
        for (ColumnUse u : c.uses()) {
            String table = "ALTER TABLE " + u.table() + " ALTER COLUMN " + q(u.column());
            if (u.oldDefault() != null) {
                out.add(table + " DROP DEFAULT");
            }
            String type = name + (u.array() ? "[]" : "");
            out.add(table + " TYPE " + type + " USING " + q(u.column()) + "::text" + (u.array() ? "[]" : "") + "::" + type);
            if (u.newDefault() != null) {
                out.add(table + " SET DEFAULT " + u.newDefault());
            }
        }
        if (old.isEmpty()) {
            throw new IllegalStateException();
        }
        return out;
    }

    private static String createDomain(Domain d) {
        StringBuilder sb = new StringBuilder("CREATE DOMAIN ").append(d.name()).append(" AS ").append(d.baseType());
        if (d.collation() != null) {
            sb.append(" COLLATE ").append(d.collation());
        }
        if (d.defaultExpression() != null) {
            sb.append(" DEFAULT ").append(d.defaultExpression());
        }
        if (d.notNull()) {
            sb.append(" NOT NULL");
        }
        for (Constraint c : d.checks()) {
            sb.append(" CONSTRAINT ").append(q(c.name())).append(' ').append(c.definition());
        }
        return sb.toString();
    }

    private static List<String> alterDomain(Domain from, Domain to) {
        List<String> out = new ArrayList<>();
        String head = "ALTER DOMAIN " + to.name();
        if (!java.util.Objects.equals(from.defaultExpression(), to.defaultExpression())) {
            out.add(to.defaultExpression() == null ? head + " DROP DEFAULT" : head + " SET DEFAULT " + to.defaultExpression());
        }
        if (from.notNull() != to.notNull()) {
            out.add(head + (to.notNull() ? " SET NOT NULL" : " DROP NOT NULL"));
        }
        for (Constraint c : from.checks()) {
            if (!to.checks().contains(c)) {
                out.add(head + " DROP CONSTRAINT " + q(c.name()));
            }
        }
        for (Constraint c : to.checks()) {
            if (!from.checks().contains(c)) {
                out.add(head + " ADD CONSTRAINT " + q(c.name()) + " " + c.fullDefinition());
            }
        }
        return out;
    }

    private static String createComposite(CompositeType t) {
        List<String> attrs = new ArrayList<>();
        for (CompositeType.Attribute a : t.attributes()) {
            attrs.add(q(a.name()) + " " + a.type() + (a.collation() == null ? "" : " COLLATE " + a.collation()));
        }
        return "CREATE TYPE " + t.name() + " AS (" + String.join(", ", attrs) + ")";
    }

    private static List<String> alterComposite(CompositeType from, CompositeType to) {
        List<String> parts = new ArrayList<>();
        for (CompositeType.Attribute a : from.attributes()) {
            if (to.attributes().stream().noneMatch(b -> b.name().equals(a.name()))) {
                parts.add("DROP ATTRIBUTE " + q(a.name()));
            }
        }
        for (CompositeType.Attribute b : to.attributes()) {
            var old = from.attributes().stream().filter(a -> a.name().equals(b.name())).findFirst();
            if (old.isEmpty()) {
                parts.add("ADD ATTRIBUTE " + q(b.name()) + " " + b.type()
                        + (b.collation() == null ? "" : " COLLATE " + b.collation()));
            } else if (!old.get().equals(b)) {
                parts.add("ALTER ATTRIBUTE " + q(b.name()) + " TYPE " + b.type()
                        + (b.collation() == null ? "" : " COLLATE " + b.collation()));
            }
        }
        return parts.isEmpty() ? List.of() : List.of("ALTER TYPE " + to.name() + " " + String.join(", ", parts));
    }

    private static String sequenceOptions(Sequence s, boolean create) {
        return " AS " + s.dataType() + " INCREMENT BY " + s.increment() + " MINVALUE " + s.minValue() + " MAXVALUE "
                + s.maxValue() + " START WITH " + s.start() + " CACHE " + s.cache() + (s.cycle() ? " CYCLE" : " NO CYCLE");
    }

    private static String createRoutine(Routine r) {
        String def = r.definition();
        if (def == null) {
            throw new IllegalStateException("No definition for " + r.signature());
        }
        return def.strip();
    }

    private static String createTable(Table t, List<String> inheritedColumns) {
        StringBuilder sb = new StringBuilder("CREATE ");
        if (t.unlogged()) {
            sb.append("UNLOGGED ");
        }
        sb.append("TABLE ").append(t.name());
        if (t.partitionOf() != null) {
            sb.append(" PARTITION OF ").append(t.partitionOf()).append(' ').append(t.partitionBound());
        } else {
            List<String> lines = new ArrayList<>();
            for (Column c : t.columns()) {
                if (!inheritedColumns.contains(c.name())) {
                    lines.add(columnDefinition(c));
                }
            }
            for (Constraint c : t.constraints().values()) {
                if (c.kind() != Constraint.Kind.FOREIGN_KEY) {
                    lines.add("CONSTRAINT " + q(c.name()) + " " + c.fullDefinition());
                }
            }
            sb.append(" (").append(lines.isEmpty() ? "" : "\n    " + String.join(",\n    ", lines) + "\n").append(')');
            if (!t.inherits().isEmpty()) {
                sb.append(" INHERITS (").append(String.join(", ", t.inherits().stream().map(Object::toString).toList()))
                        .append(')');
            }
        }
        if (t.partitionBy() != null) {
            sb.append(" PARTITION BY ").append(t.partitionBy());
        }
        return sb.toString();
    }

    static String columnDefinition(Column c) {
        StringBuilder sb = new StringBuilder(q(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            sb.append(" COLLATE ").append(c.collation());
        }
        if (c.generatedExpression() != null) {
            sb.append(" GENERATED ALWAYS AS (").append(c.generatedExpression()).append(") STORED");
        } else if (c.defaultExpression() != null) {
            sb.append(" DEFAULT ").append(c.defaultExpression());
        }
        if (c.identity() != null) {
            sb.append(" GENERATED ").append(c.identity().sql()).append(" AS IDENTITY").append(identityOptions(c));
        }
        if (c.notNull()) {
            sb.append(" NOT NULL");
        }
        return sb.toString();
    }

    private static List<String> alterColumn(AlterColumn c) {
        List<String> out = new ArrayList<>();
        String head = "ALTER TABLE " + c.table() + " ALTER COLUMN " + q(c.to().name());
        Column from = c.from();
        Column to = c.to();
        boolean typeChanges = !from.type().equals(to.type()) || !java.util.Objects.equals(from.collation(), to.collation());
        if (from.generatedExpression() != null && to.generatedExpression() == null) {
            out.add(head + " DROP EXPRESSION");
            from = from.withGenerated(null).withDefault(null);
        }
        if (from.identity() != null && to.identity() == null) {
            out.add(head + " DROP IDENTITY");
        }
        boolean defaultDropped = false;
        if (from.defaultExpression() != null && (typeChanges || to.defaultExpression() == null
                || !from.defaultExpression().equals(to.defaultExpression()))) {
            if (typeChanges || to.defaultExpression() == null || to.identity() != null) {
                out.add(head + " DROP DEFAULT");
                defaultDropped = true;
            }
        }
        if (typeChanges) {
            StringBuilder sb = new StringBuilder(head).append(" TYPE ").append(to.type());
            if (to.collation() != null) {
                sb.append(" COLLATE ").append(to.collation());
            }
            if (c.using() != null) {
                sb.append(" USING ").append(c.using());
            }
            out.add(sb.toString());
        }
        if (to.defaultExpression() != null
                && (defaultDropped || !to.defaultExpression().equals(from.defaultExpression()))) {
            out.add(head + " SET DEFAULT " + to.defaultExpression());
        }
        if (from.notNull() != to.notNull()) {
            out.add(head + (to.notNull() ? " SET NOT NULL" : " DROP NOT NULL"));
        }
        if (to.identity() != null && from.identity() == null) {
            out.add(head + " ADD GENERATED " + to.identity().sql() + " AS IDENTITY" + identityOptions(to));
        } else if (to.identity() != null) {
            if (from.identity() != to.identity()) {
                out.add(head + " SET GENERATED " + to.identity().sql());
            }
            out.addAll(IdentityAlteration.sql(c.table(), from, to));
        }
        return out;
    }

    /** {@code (START WITH 10 ...)} after {@code AS IDENTITY}, empty for the type's default options. */
    private static String identityOptions(Column c) {
        return c.identityOptions() == null ? "" : " (" + c.identityOptions().sql() + ")";
    }

    private static List<String> tableOptions(Table from, Table to) {
        List<String> out = new ArrayList<>();
        String head = "ALTER TABLE " + to.name();
        if (from.unlogged() != to.unlogged()) {
            out.add(head + (to.unlogged() ? " SET UNLOGGED" : " SET LOGGED"));
        }
        if (from.rowSecurity() != to.rowSecurity()) {
            out.add(head + (to.rowSecurity() ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY");
        }
        if (from.forceRowSecurity() != to.forceRowSecurity()) {
            out.add(head + (to.forceRowSecurity() ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
        }
        return out;
    }

    private static String createPolicy(Policy p) {
        StringBuilder sb = new StringBuilder("CREATE POLICY ").append(q(p.name())).append(" ON ").append(p.table());
        if (!p.permissive()) {
            sb.append(" AS RESTRICTIVE");
        }
        sb.append(" FOR ").append(p.command());
        sb.append(" TO ").append(p.roles().isEmpty() ? "PUBLIC" : String.join(", ", p.roles()));
        if (p.using() != null) {
            sb.append(" USING (").append(p.using()).append(')');
        }
        if (p.withCheck() != null) {
            sb.append(" WITH CHECK (").append(p.withCheck()).append(')');
        }
        return sb.toString();
    }

    private static String createView(View v) {
        StringBuilder sb = new StringBuilder("CREATE ");
        sb.append(v.materialized() ? "MATERIALIZED VIEW " : "VIEW ").append(v.name());
        if (!v.columnNames().isEmpty()) {
            // the view's own column names (CREATE VIEW v (ident, val) AS SELECT id, v ...): the query's are not them
            sb.append(" (").append(String.join(", ", v.columnNames().stream().map(SqlRenderer::q).toList())).append(')');
        }
        if (!v.options().isEmpty()) {
            sb.append(" WITH (").append(String.join(", ", v.options())).append(')');
        }
        String query = v.query().strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        sb.append(" AS\n").append(query);
        if (v.checkOption() != null) {
            sb.append("\n  WITH ").append(v.checkOption()).append(" CHECK OPTION");
        }
        return sb.toString();
    }

    private static String revoke(Grant g) {
        return "REVOKE " + privilegeOn(g) + " FROM " + grantee(g.grantee());
    }

    private static String privilegeOn(Grant g) {
        ObjectRef o = g.object();
        return switch (o.kind()) {
            case COLUMN -> {
                String[] parts = splitLast(o.identity());
                yield g.privilege() + " (" + parts[1] + ") ON TABLE " + parts[0];
            }
            case TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE -> g.privilege() + " ON TABLE " + o.identity();
            case SERVER -> g.privilege() + " ON FOREIGN SERVER " + o.identity();
            case AGGREGATE -> g.privilege() + " ON FUNCTION " + o.identity();
            default -> g.privilege() + " ON " + o.kind().sql() + " " + o.identity();
        };
    }

    private static String alterOwner(ObjectRef o, String owner) {
        String kind = switch (o.kind()) {
            case VIEW -> "VIEW";
            default -> o.kind().sql();
        };
        return "ALTER " + kind + " " + o.identity() + " OWNER TO " + Identifiers.quote(owner);
    }

    /** {@code public.t."my col"} -> {@code [public.t, "my col"]}: splits at the last dot outside quotes. */
    static String[] splitLast(String identity) {
        boolean quoted = false;
        int last = -1;
        for (int i = 0; i < identity.length(); i++) {
            char ch = identity.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '.' && !quoted) {
                last = i;
            }
        }
        return new String[] {identity.substring(0, last), identity.substring(last + 1)};
    }

    private static String grantee(String grantee) {
        return "PUBLIC".equals(grantee) ? "PUBLIC" : Identifiers.quote(grantee);
    }

    private static String labels(List<String> labels) {
        return String.join(", ", labels.stream().map(SqlRenderer::literal).toList());
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String q(String identifier) {
        return Identifiers.quote(identifier);
    }
}
