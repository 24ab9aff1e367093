package dev.confiture.diff;

import java.util.List;

import dev.confiture.model.schema.Collation;
import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.CompositeType;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Domain;
import dev.confiture.model.schema.EnumType;
import dev.confiture.model.schema.Extension;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.Policy;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.Schema;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.Trigger;
import dev.confiture.model.schema.View;

/**
 * One typed change between two models: a small value that says what changes, not how. The
 * {@link Differ} produces them, the {@link Planner} orders them by dependencies and the
 * {@link SqlRenderer} turns each into statements. {@link #phase()} is where the change falls in
 * the plan; within a phase the planner keeps the differ's (sorted) order, except where it sorts
 * tables and views by their dependencies.
 */
public sealed interface SchemaChange {

    ObjectRef object();

    Change.Kind kind();

    String description();

    /** True when the change can lose data (drops, narrowing type changes). */
    default boolean destructive() {
        return false;
    }

    Phase phase();

    /** Why a person must check the step before it runs (a conversion through text), or null. */
    default String review() {
        return null;
    }

    /** The order of a plan, top to bottom. Drops of what depends on others come first, drops of what others depend on last. */
    enum Phase {
        PRELUDE, DROP_POLICY_TRIGGER, DROP_VIEW, DROP_FOREIGN_KEY, DROP_CONSTRAINT_INDEX, DROP_ROUTINE_EARLY,
        RELEASE_SEQUENCE, DROP_TABLE, DROP_OTHER, CREATE_SCHEMA, CREATE_EXTENSION, CREATE_COLLATION, ENUM,
        DOMAIN_COMPOSITE, CREATE_OTHER, SEQUENCE, ROUTINE, CREATE_TABLE, ALTER_TABLE, OWN_SEQUENCE, ROUTINE_LATE,
        CREATE_VIEW, CREATE_CONSTRAINT_INDEX, CREATE_FOREIGN_KEY, CREATE_TRIGGER_POLICY, DROP_LATE_ROUTINE,
        DROP_LATE_SEQUENCE, DROP_LATE_TYPE, DROP_LATE_COLLATION, DROP_LATE_EXTENSION, DROP_LATE_SCHEMA, COMMENT_GRANT
    }

    // ---- schemas, extensions, collations ----

    record CreateSchema(Schema schema) implements SchemaChange {
        public ObjectRef object() { return new ObjectRef(ObjectRef.Kind.SCHEMA, q(schema.name())); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create schema " + q(schema.name()); }
        public Phase phase() { return Phase.CREATE_SCHEMA; }
    }

    record DropSchema(Schema schema) implements SchemaChange {
        public ObjectRef object() { return new ObjectRef(ObjectRef.Kind.SCHEMA, q(schema.name())); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop schema " + q(schema.name()); }
        public boolean destructive() { return true; }
        public Phase phase() { return Phase.DROP_LATE_SCHEMA; }
    }

    record CreateExtension(Extension extension) implements SchemaChange {
        public ObjectRef object() { return new ObjectRef(ObjectRef.Kind.EXTENSION, q(extension.name())); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create extension " + extension.name(); }
        public Phase phase() { return Phase.CREATE_EXTENSION; }
    }

    record DropExtension(Extension extension) implements SchemaChange {
        public ObjectRef object() { return new ObjectRef(ObjectRef.Kind.EXTENSION, q(extension.name())); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop extension " + extension.name(); }
        public boolean destructive() { return true; }
        public Phase phase() { return Phase.DROP_LATE_EXTENSION; }
    }

    record AlterExtension(Extension from, Extension to) implements SchemaChange {
        public ObjectRef object() { return new ObjectRef(ObjectRef.Kind.EXTENSION, q(to.name())); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() {
            return "alter extension " + to.name() + " (version " + from.version() + " -> " + to.version()
                    + (from.schema().equals(to.schema()) ? "" : ", schema " + from.schema() + " -> " + to.schema()) + ")"
                    + (downgrade() ? ": no downgrade path, dropped and created again" : "");
        }
        /** Extensions ship update scripts, rarely downgrade ones: an older version means drop and create. */
        public boolean downgrade() {
            return from.version() != null && to.version() != null && Differ.compareVersions(to.version(), from.version()) < 0;
        }
        public boolean destructive() { return downgrade(); }
        public Phase phase() { return Phase.CREATE_EXTENSION; }
    }

    record CreateCollation(Collation collation) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.COLLATION, collation.name()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create collation " + collation.name(); }
        public Phase phase() { return Phase.CREATE_COLLATION; }
    }

    record DropCollation(Collation collation) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.COLLATION, collation.name()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop collation " + collation.name(); }
        public Phase phase() { return Phase.DROP_LATE_COLLATION; }
    }

    // ---- types ----

    record CreateEnum(EnumType type) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.TYPE, type.name()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create enum " + type.name(); }
        public Phase phase() { return Phase.ENUM; }
    }

    record DropEnum(EnumType type) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.TYPE, type.name()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop enum " + type.name(); }
        public boolean destructive() { return true; }
        public Phase phase() { return Phase.DROP_LATE_TYPE; }
    }

    /** {@code ALTER TYPE ... ADD VALUE 'label' BEFORE|AFTER 'neighbour'} (neither: appended). */
    record AddEnumValue(EnumType type, String label, String before, String after) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.TYPE, type.name()); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "add value '" + label + "' to enum " + type.name(); }
        public Phase phase() { return Phase.ENUM; }
    }

    /**
     * An enum whose labels were removed or reordered: renamed aside, created anew, each column
     * converted through text; the old type is dropped at the end ({@link DropRenamedEnum}).
     */
    record RecreateEnum(EnumType from, EnumType to, List<ColumnUse> uses) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.TYPE, to.name()); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "recreate enum " + to.name() + " " + from.labels() + " -> " + to.labels(); }
        public boolean destructive() { return !to.labels().containsAll(from.labels()); }
        public Phase phase() { return Phase.ENUM; }
    }

    /** A column whose type is (an array of) an enum being recreated, with the defaults to put back. */
    record ColumnUse(QualifiedName table, String column, boolean array, String oldDefault, String newDefault) {
    }

    record DropRenamedEnum(EnumType type, String oldName) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.TYPE, type.name()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop the old version of enum " + type.name(); }
        public Phase phase() { return Phase.DROP_LATE_TYPE; }
    }

    record CreateDomain(Domain domain) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.DOMAIN, domain.name()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create domain " + domain.name(); }
        public Phase phase() { return Phase.DOMAIN_COMPOSITE; }
    }

    record DropDomain(Domain domain) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.DOMAIN, domain.name()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop domain " + domain.name(); }
        public boolean destructive() { return true; }
        public Phase phase() { return Phase.DROP_LATE_TYPE; }
    }

    record AlterDomain(Domain from, Domain to) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.DOMAIN, to.name()); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "alter domain " + to.name(); }
        public Phase phase() { return Phase.DOMAIN_COMPOSITE; }
    }

    record CreateComposite(CompositeType type) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.TYPE, type.name()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create type " + type.name(); }
        public Phase phase() { return Phase.DOMAIN_COMPOSITE; }
    }

    record DropComposite(CompositeType type) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.TYPE, type.name()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop type " + type.name(); }
        public boolean destructive() { return true; }
        public Phase phase() { return Phase.DROP_LATE_TYPE; }
    }

    record AlterComposite(CompositeType from, CompositeType to) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.TYPE, to.name()); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "alter attributes of type " + to.name(); }
        public boolean destructive() {
            return from.attributes().stream().anyMatch(a -> to.attributes().stream().noneMatch(b -> b.name().equals(a.name())));
        }
        public Phase phase() { return Phase.DOMAIN_COMPOSITE; }
    }

    record CreateOther(OtherObject other) implements SchemaChange {
        public ObjectRef object() { return other.ref(); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create " + other.ref(); }
        public Phase phase() {
            // an operator is made of functions: after them (and before the views and indexes that use it)
            return other.ref().kind() == ObjectRef.Kind.SECURITY_LABEL ? Phase.COMMENT_GRANT
                    : OpaqueKinds.onTable(other.ref().kind()) ? Phase.CREATE_TRIGGER_POLICY
                    : OpaqueKinds.beforeTables(other.ref().kind()) || OpaqueKinds.rangeOnOwnFunction(other) ? Phase.ROUTINE
                    : OpaqueKinds.afterRoutines(other.ref().kind()) ? Phase.ROUTINE_LATE : Phase.CREATE_OTHER;
        }
    }

    /** {@code recreated}: dropped to be created again with another definition (before the creations). */
    record DropOther(OtherObject other, boolean recreated) implements SchemaChange {
        DropOther(OtherObject other) {
            this(other, false);
        }

        public ObjectRef object() { return other.ref(); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop " + other.ref(); }
        public Phase phase() {
            // a range type goes after the columns and routines that use it, as other types do, and before
            // the functions it is made of
            return OpaqueKinds.onTable(other.ref().kind()) || other.ref().kind() == ObjectRef.Kind.SECURITY_LABEL
                    ? Phase.DROP_POLICY_TRIGGER : recreated ? Phase.DROP_OTHER
                    : OpaqueKinds.rangeOnOwnFunction(other) ? Phase.DROP_LATE_ROUTINE
                    : other.ref().kind() == ObjectRef.Kind.TYPE ? Phase.DROP_LATE_TYPE : Phase.DROP_OTHER;
        }
    }

    // ---- sequences ----

    record CreateSequence(Sequence sequence) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.SEQUENCE, sequence.name()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create sequence " + sequence.name(); }
        public Phase phase() { return Phase.SEQUENCE; }
    }

    /** {@code ifExists}: the sequence may already be gone with the table or column that owned it. */
    /**
     * {@code early}: a serial's sequence whose column becomes an identity, dropped before the identity is added,
     * which would otherwise get its name with a 1 appended.
     */
    record DropSequence(Sequence sequence, boolean ifExists, boolean early) implements SchemaChange {
        DropSequence(Sequence sequence, boolean ifExists) {
            this(sequence, ifExists, false);
        }
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.SEQUENCE, sequence.name()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop sequence " + sequence.name(); }
        public Phase phase() { return early ? Phase.RELEASE_SEQUENCE : Phase.DROP_LATE_SEQUENCE; }
    }

    record AlterSequence(Sequence from, Sequence to) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.SEQUENCE, to.name()); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "alter sequence " + to.name(); }
        public Phase phase() { return Phase.SEQUENCE; }
    }

    /** OWNED BY the new column ({@code release}: OWNED BY NONE before the old owner goes away). */
    record SetSequenceOwner(Sequence sequence, boolean release) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.SEQUENCE, sequence.name()); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() {
            return release ? "detach sequence " + sequence.name() + " from its owning column"
                    : "sequence " + sequence.name() + " owned by " + sequence.ownedBy();
        }
        public Phase phase() { return release ? Phase.RELEASE_SEQUENCE : Phase.OWN_SEQUENCE; }
    }

    // ---- routines ----

    /** {@code late}: the routine uses a table's row type, so it comes after the tables. */
    record CreateRoutine(Routine routine, boolean late) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.routine(routine.kind(), routine.signature()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create " + object(); }
        public Phase phase() { return late ? Phase.ROUTINE_LATE : Phase.ROUTINE; }
    }

    /**
     * {@code early}: before the tables are dropped, for a routine that is dropped to be created again
     * (return type changed) or that uses a table's row type; otherwise after everything that used it.
     */
    record DropRoutine(Routine routine, boolean early, boolean recreated) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.routine(routine.kind(), routine.signature()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop " + object() + (recreated ? " (created again below)" : ""); }
        public boolean destructive() { return !recreated; }
        public Phase phase() { return early ? Phase.DROP_ROUTINE_EARLY : Phase.DROP_LATE_ROUTINE; }
    }

    record ReplaceRoutine(Routine from, Routine to, boolean late) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.routine(to.kind(), to.signature()); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "replace " + object(); }
        public Phase phase() { return late ? Phase.ROUTINE_LATE : Phase.ROUTINE; }
    }

    // ---- tables and what hangs off them ----

    record CreateTable(Table table, List<String> inheritedColumns) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.table(table.name()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create table " + table.name(); }
        public Phase phase() { return Phase.CREATE_TABLE; }
    }

    record DropTable(Table table) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.table(table.name()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop table " + table.name(); }
        public boolean destructive() { return true; }
        public Phase phase() { return Phase.DROP_TABLE; }
    }

    record AddColumn(QualifiedName table, Column column) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.column(table, column.name()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "add column " + object().identity() + " " + column.type(); }
        public Phase phase() { return Phase.ALTER_TABLE; }
    }

    record DropColumn(QualifiedName table, Column column) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.column(table, column.name()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop column " + object().identity(); }
        public boolean destructive() { return true; }
        public Phase phase() { return Phase.ALTER_TABLE; }
    }

    /** Type, collation, default, NOT NULL, identity or a generated expression dropped; {@code using} when a cast is needed. */
    /** {@code review}: why the generated {@code USING} must be checked by a person (null when it need not). */
    /** {@code ALTER COLUMN ... DROP DEFAULT}, before the routine the default calls is dropped (it is set again after). */
    record DropDefaultEarly(QualifiedName table, String column) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.column(table, column); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "drop default of column " + object().identity() + " (set again below)"; }
        public Phase phase() { return Phase.DROP_POLICY_TRIGGER; }
    }

    /** {@code ALTER COLUMN ... DROP IDENTITY}, first: its sequence's name is free for what the plan creates. */
    record DropIdentity(QualifiedName table, String column) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.column(table, column); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "drop identity of column " + object().identity(); }
        public Phase phase() { return Phase.RELEASE_SEQUENCE; }
    }

    record AlterColumn(QualifiedName table, Column from, Column to, String using, boolean narrowing, String review)
            implements SchemaChange {
        AlterColumn(QualifiedName table, Column from, Column to, String using, boolean narrowing) {
            this(table, from, to, using, narrowing, null);
        }
        public ObjectRef object() { return ObjectRef.column(table, to.name()); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() {
            StringBuilder sb = new StringBuilder("alter column ").append(object().identity());
            if (!from.type().equals(to.type())) {
                sb.append(" type ").append(from.type()).append(" -> ").append(to.type());
                if (narrowing) {
                    sb.append(" (narrowing: values may not fit)");
                }
            }
            return sb.toString();
        }
        public boolean destructive() { return narrowing; }
        public Phase phase() { return Phase.ALTER_TABLE; }
    }

    /** LOGGED/UNLOGGED and row-level security switches. */
    record AlterTableOptions(Table from, Table to) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.table(to.name()); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "alter table " + to.name() + " options"; }
        public Phase phase() { return Phase.ALTER_TABLE; }
    }

    record AddConstraint(QualifiedName table, Constraint constraint) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, constraint.name(), table); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "add constraint " + object().identity(); }
        public Phase phase() {
            return constraint.kind() == Constraint.Kind.FOREIGN_KEY ? Phase.CREATE_FOREIGN_KEY : Phase.CREATE_CONSTRAINT_INDEX;
        }
    }

    record DropConstraint(QualifiedName table, Constraint constraint) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, constraint.name(), table); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop constraint " + object().identity(); }
        public Phase phase() {
            return constraint.kind() == Constraint.Kind.FOREIGN_KEY ? Phase.DROP_FOREIGN_KEY : Phase.DROP_CONSTRAINT_INDEX;
        }
    }

    record ValidateConstraint(QualifiedName table, Constraint constraint) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, constraint.name(), table); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "validate constraint " + object().identity(); }
        public Phase phase() { return Phase.CREATE_FOREIGN_KEY; }
    }

    record CreateIndex(Index index) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.INDEX, index.name()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create index " + index.name(); }
        public Phase phase() { return Phase.CREATE_CONSTRAINT_INDEX; }
    }

    record DropIndex(Index index) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.of(ObjectRef.Kind.INDEX, index.name()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop index " + index.name(); }
        public Phase phase() { return Phase.DROP_CONSTRAINT_INDEX; }
    }

    record CreateTrigger(Trigger trigger) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.onTable(ObjectRef.Kind.TRIGGER, trigger.name(), trigger.table()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create trigger " + object().identity(); }
        public Phase phase() { return Phase.CREATE_TRIGGER_POLICY; }
    }

    record DropTrigger(Trigger trigger) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.onTable(ObjectRef.Kind.TRIGGER, trigger.name(), trigger.table()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop trigger " + object().identity(); }
        public Phase phase() { return Phase.DROP_POLICY_TRIGGER; }
    }

    record SetTriggerEnabled(Trigger trigger) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.onTable(ObjectRef.Kind.TRIGGER, trigger.name(), trigger.table()); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "set trigger " + object().identity() + " enabled=" + trigger.enabled(); }
        public Phase phase() { return Phase.CREATE_TRIGGER_POLICY; }
    }

    record CreatePolicy(Policy policy) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.onTable(ObjectRef.Kind.POLICY, policy.name(), policy.table()); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create policy " + object().identity(); }
        public Phase phase() { return Phase.CREATE_TRIGGER_POLICY; }
    }

    record DropPolicy(Policy policy) implements SchemaChange {
        public ObjectRef object() { return ObjectRef.onTable(ObjectRef.Kind.POLICY, policy.name(), policy.table()); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop policy " + object().identity(); }
        public Phase phase() { return Phase.DROP_POLICY_TRIGGER; }
    }

    // ---- views ----

    record CreateView(View view) implements SchemaChange {
        public ObjectRef object() { return viewRef(view); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() { return "create " + object(); }
        public Phase phase() { return Phase.CREATE_VIEW; }
    }

    /** {@code recreated}: dropped only to be created again around a change of something it reads. */
    record DropView(View view, boolean recreated) implements SchemaChange {
        public ObjectRef object() { return viewRef(view); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() { return "drop " + object() + (recreated ? " (recreated below)" : ""); }
        public boolean destructive() { return view.materialized() && !recreated; }
        public Phase phase() { return Phase.DROP_VIEW; }
    }

    // ---- comments, privileges, owners ----

    /** {@code text} null removes the comment. */
    record SetComment(ObjectRef target, String text) implements SchemaChange {
        public ObjectRef object() { return target; }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return (text == null ? "remove comment on " : "comment on ") + target; }
        public Phase phase() { return Phase.COMMENT_GRANT; }
    }

    record GrantPrivilege(Grant grant) implements SchemaChange {
        public ObjectRef object() { return grant.object(); }
        public Change.Kind kind() { return Change.Kind.CREATE; }
        public String description() {
            return grant.revoked() ? "revoke " + grant.privilege() + " on " + grant.object() + " from PUBLIC (a default privilege)"
                    : "grant " + grant.privilege() + " on " + grant.object() + " to " + grant.grantee();
        }
        public Phase phase() { return Phase.COMMENT_GRANT; }
    }

    record RevokePrivilege(Grant grant) implements SchemaChange {
        public ObjectRef object() { return grant.object(); }
        public Change.Kind kind() { return Change.Kind.DROP; }
        public String description() {
            return grant.revoked() ? "grant " + grant.privilege() + " on " + grant.object() + " to PUBLIC again (a default privilege)"
                    : "revoke " + grant.privilege() + " on " + grant.object() + " from " + grant.grantee();
        }
        public Phase phase() { return Phase.COMMENT_GRANT; }
    }

    record AlterOwner(ObjectRef target, String owner) implements SchemaChange {
        public ObjectRef object() { return target; }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "owner of " + target + " -> " + owner; }
        public Phase phase() { return Phase.COMMENT_GRANT; }
    }

    /** {@code SET check_function_bodies = false}: routine bodies may name objects created later in the plan. */
    record Prelude() implements SchemaChange {
        public ObjectRef object() { return new ObjectRef(ObjectRef.Kind.SCHEMA, "-"); }
        public Change.Kind kind() { return Change.Kind.ALTER; }
        public String description() { return "defer routine body checks"; }
        public Phase phase() { return Phase.PRELUDE; }
    }

    private static String q(String identifier) {
        return dev.confiture.model.schema.Identifiers.quote(identifier);
    }

    private static ObjectRef viewRef(View view) {
        return ObjectRef.of(view.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW, view.name());
    }
}
