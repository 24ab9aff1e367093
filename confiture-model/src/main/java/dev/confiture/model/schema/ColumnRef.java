package dev.confiture.model.schema;

/** A column of a table, e.g. the owner of a sequence. */
public record ColumnRef(QualifiedName table, String column) {
    @Override
    public String toString() {
        return table + "." + Identifiers.quote(column);
    }
}
