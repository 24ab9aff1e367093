package dev.confiture.model.schema;

/**
 * The options of an identity column's sequence ({@code GENERATED ... AS IDENTITY (START WITH 10 ...)}).
 * A column whose identity sequence has PostgreSQL's defaults for its type carries none (null), so that
 * {@code AS IDENTITY} and {@code AS IDENTITY (START WITH 1 INCREMENT BY 1 NO MINVALUE ...)}, as pg_dump
 * writes it, compare equal; the sequence's name is not kept (PostgreSQL names it after the column).
 */
public record IdentityOptions(long start, long increment, long minValue, long maxValue, long cache, boolean cycle) {

    /** The options, or null when they are PostgreSQL's defaults for an identity column of {@code columnType}. */
    public static IdentityOptions orNull(String columnType, long start, long increment, long minValue, long maxValue,
                                         long cache, boolean cycle) {
        IdentityOptions o = new IdentityOptions(start, increment, minValue, maxValue, cache, cycle);
        return o.equals(defaults(columnType)) ? null : o;
    }

    /** What PostgreSQL gives an identity column of this type when no option is written. */
    public static IdentityOptions defaults(String columnType) {
        return new IdentityOptions(1, 1, 1, typeMax(columnType), 1, false);
    }

    /** The largest value of an identity column's type ({@code smallint}, {@code integer}, else {@code bigint}). */
    public static long typeMax(String columnType) {
        return switch (columnType == null ? "bigint" : columnType) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** {@code START WITH 10 INCREMENT BY 1 MINVALUE 1 MAXVALUE 100 CACHE 1 NO CYCLE}. */
    public String sql() {
        return "START WITH " + start + " INCREMENT BY " + increment + " MINVALUE " + minValue + " MAXVALUE " + maxValue
                + " CACHE " + cache + (cycle ? " CYCLE" : " NO CYCLE");
    }
}
