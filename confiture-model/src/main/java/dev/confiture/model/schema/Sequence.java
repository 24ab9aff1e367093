package dev.confiture.model.schema;

/**
 * CREATE SEQUENCE with its options as PostgreSQL fills them in (defaults made explicit, so that
 * a sequence written with and without {@code START 1} compares equal). {@code ownedBy} is the
 * owning column ({@code schema.table.column}) or null; identity sequences are not listed here,
 * they belong to their column.
 */
public record Sequence(QualifiedName name, String dataType, long start, long increment, long minValue,
                       long maxValue, long cache, boolean cycle, ColumnRef ownedBy, String owner) {
}
