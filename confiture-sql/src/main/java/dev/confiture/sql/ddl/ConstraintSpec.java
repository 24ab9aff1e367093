package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/** A constraint as read, before PostgreSQL's default name and the referenced key are filled in. */
final class ConstraintSpec {
    String name;
    Constraint.Kind kind;
    List<String> columns = new ArrayList<>();
    List<String> include = new ArrayList<>();
    boolean nullsNotDistinct;
    String checkExpression;
    boolean noInherit;
    QualifiedName references;
    List<String> referencedColumns = new ArrayList<>();
    String match;
    String onUpdate;
    String onDelete;
    String exclusion;
    boolean deferrable;
    boolean initiallyDeferred;
    boolean notValid;
    String usingIndex;
}
