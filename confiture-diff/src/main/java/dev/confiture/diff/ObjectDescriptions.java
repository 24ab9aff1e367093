package dev.confiture.diff;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Table;

/**
 * Every object of a model, named by the same {@link ObjectRef}s the diff engine uses, with what
 * the model says about it in a few words ({@code phone text NOT NULL}): the two sides of a
 * {@link Difference}, which validate and verify both show ("schema files say X, migrations produce Y").
 */
final class ObjectDescriptions {

    private ObjectDescriptions() {
    }

    static Map<ObjectRef, String> of(SchemaModel m) {
        Map<ObjectRef, String> out = new TreeMap<>();
        m.schemas().values().forEach(s -> out.put(new ObjectRef(ObjectRef.Kind.SCHEMA,
                dev.confiture.model.schema.Identifiers.quote(s.name())), "schema" + owner(s.owner())));
        m.extensions().values().forEach(e -> out.put(new ObjectRef(ObjectRef.Kind.EXTENSION,
                dev.confiture.model.schema.Identifiers.quote(e.name())),
                "extension in schema " + e.schema() + (e.version() == null ? "" : " version " + e.version())));
        m.collations().values().forEach(c -> out.put(ObjectRef.of(ObjectRef.Kind.COLLATION, c.name()), c.toString()));
        m.enums().values().forEach(e -> out.put(ObjectRef.of(ObjectRef.Kind.TYPE, e.name()),
                "enum (" + String.join(", ", e.labels().stream().map(l -> "'" + l + "'").toList()) + ")"
                        + owner(e.owner())));
        m.composites().values().forEach(c -> out.put(ObjectRef.of(ObjectRef.Kind.TYPE, c.name()),
                "composite (" + String.join(", ", c.attributes().stream()
                        .map(a -> a.name() + " " + a.type() + (a.collation() == null ? "" : " COLLATE " + a.collation()))
                        .toList()) + ")" + owner(c.owner())));
        m.domains().values().forEach(d -> out.put(ObjectRef.of(ObjectRef.Kind.DOMAIN, d.name()),
                "domain over " + d.baseType() + (d.notNull() ? " NOT NULL" : "")
                        + (d.defaultExpression() == null ? "" : " DEFAULT " + d.defaultExpression())
                        + String.join("", d.checks().stream().map(c -> " " + c.fullDefinition()).toList())));
        m.sequences().values().forEach(s -> out.put(ObjectRef.of(ObjectRef.Kind.SEQUENCE, s.name()),
                "sequence " + s.dataType() + " start " + s.start() + " increment " + s.increment()
                        + (s.ownedBy() == null ? "" : " owned by " + s.ownedBy().table() + "." + s.ownedBy().column())));
        for (Table t : m.tables().values()) {
            out.put(ObjectRef.table(t.name()), table(t));
            t.columns().forEach(c -> out.put(ObjectRef.column(t.name(), c.name()), column(c)));
            t.constraints().values().forEach(c -> out.put(
                    ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, c.name(), t.name()), c.fullDefinition()));
            t.indexes().values().forEach(i -> out.put(ObjectRef.of(ObjectRef.Kind.INDEX, i.name()), index(i)));
            t.triggers().values().forEach(tr -> out.put(
                    ObjectRef.onTable(ObjectRef.Kind.TRIGGER, tr.name(), t.name()), tr.definition()));
            t.policies().values().forEach(p -> out.put(ObjectRef.onTable(ObjectRef.Kind.POLICY, p.name(), t.name()),
                    "policy " + (p.command() == null ? "" : "FOR " + p.command() + " ")
                            + (p.using() == null ? "" : "USING (" + p.using() + ") ")
                            + (p.withCheck() == null ? "" : "WITH CHECK (" + p.withCheck() + ")")));
        }
        m.views().values().forEach(v -> {
            ObjectRef.Kind kind = v.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW;
            out.put(ObjectRef.of(kind, v.name()), "AS " + v.query() + owner(v.owner()));
            v.indexes().values().forEach(i -> out.put(ObjectRef.of(ObjectRef.Kind.INDEX, i.name()), index(i)));
        });
        m.routines().values().forEach(r -> out.put(ObjectRef.routine(r.kind(), r.signature()),
                (r.returnType() == null ? "" : "returns " + r.returnType() + ", ") + "language " + r.language()));
        m.others().values().forEach(o -> out.put(o.ref(), o.createSql()));
        return out;
    }

    /**
     * What {@code model} says about {@code object}: its description with any grants, else its grants
     * and comment alone (a privilege or comment change on an object described elsewhere), else
     * {@link Difference#ABSENT}.
     */
    static String side(Map<ObjectRef, String> says, SchemaModel model, ObjectRef object) {
        String described = says.get(object);
        String grants = grants(model, object);
        if (described != null) {
            return grants == null ? described : described + " (" + grants + ")";
        }
        String comment = model.comments().get(object);
        if (grants != null || comment != null) {
            return (grants == null ? "" : grants) + (grants != null && comment != null ? ", " : "")
                    + (comment == null ? "" : "comment '" + comment + "'");
        }
        return Difference.ABSENT;
    }

    /** What a model grants on one object, for findings about privileges. */
    static String grants(SchemaModel m, ObjectRef object) {
        List<String> grants = m.grants().stream().filter(g -> g.object().equals(object))
                .map(ObjectDescriptions::grant).toList();
        return grants.isEmpty() ? null : String.join(", ", grants);
    }

    private static String grant(Grant g) {
        return g.revoked() ? "REVOKE " + g.privilege() + " FROM " + g.grantee()
                : "GRANT " + g.privilege() + " TO " + g.grantee() + (g.withGrantOption() ? " WITH GRANT OPTION" : "");
    }

    private static String owner(String owner) {
        return owner == null ? "" : " owned by " + owner;
    }

    private static String table(Table t) {
        StringBuilder sb = new StringBuilder("table");
        if (t.unlogged()) {
            sb.append(" UNLOGGED");
        }
        sb.append(" (").append(String.join(", ", t.columns().stream().map(ObjectDescriptions::column).toList()))
                .append(')');
        if (t.partitionBy() != null) {
            sb.append(" PARTITION BY ").append(t.partitionBy());
        }
        if (t.partitionOf() != null) {
            sb.append(" PARTITION OF ").append(t.partitionOf()).append(' ').append(t.partitionBound());
        }
        if (!t.inherits().isEmpty()) {
            sb.append(" INHERITS (").append(String.join(", ", t.inherits().stream().map(Object::toString).toList()))
                    .append(')');
        }
        if (t.rowSecurity()) {
            sb.append(t.forceRowSecurity() ? " with forced row security" : " with row security");
        }
        return sb.append(owner(t.owner())).toString();
    }

    static String column(Column c) {
        StringBuilder sb = new StringBuilder(dev.confiture.model.schema.Identifiers.quote(c.name())).append(' ')
                .append(c.type());
        if (c.collation() != null) {
            sb.append(" COLLATE ").append(c.collation());
        }
        if (c.notNull()) {
            sb.append(" NOT NULL");
        }
        if (c.defaultExpression() != null) {
            sb.append(" DEFAULT ").append(c.defaultExpression());
        }
        if (c.identity() != null) {
            sb.append(" GENERATED ").append(c.identity().sql()).append(" AS IDENTITY");
        }
        if (c.generatedExpression() != null) {
            sb.append(" GENERATED ALWAYS AS (").append(c.generatedExpression()).append(") STORED");
        }
        return sb.toString();
    }

    private static String index(Index i) {
        return (i.unique() ? "UNIQUE " : "") + "INDEX ON " + i.table() + " USING " + i.method() + " ("
                + String.join(", ", i.keys()) + ")"
                + (i.include().isEmpty() ? "" : " INCLUDE (" + String.join(", ", i.include()) + ")")
                + (i.predicate() == null ? "" : " WHERE " + i.predicate());
    }
}
