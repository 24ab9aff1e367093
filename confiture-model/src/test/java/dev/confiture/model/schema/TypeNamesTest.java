package dev.confiture.model.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical spellings, asked twice: the second answer comes from the remembered spellings. */
class TypeNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "int4|integer",
        "  INT  |integer",
        "pg_catalog.int8|bigint",
        "varchar ( 20 )|character varying(20)",
        "numeric( 10 , 2 )|numeric(10,2)",
        "int4[]|integer[]",
        "integer array|integer[]",
        "timestamptz(3)|timestamp(3) with time zone",
        "timestamp (6)  with   time zone|timestamp(6) with time zone",
        "time(2)|time(2) without time zone",
        "double   precision|double precision",
        "\"MyType\"|\"MyType\"",
        "public.Money|public.money",
    })
    void normalizesTheSameWayEveryTime(String written, String canonical) {
        assertEquals(canonical, TypeNames.normalize(written));
        assertEquals(canonical, TypeNames.normalize(written));
    }

    /**
     * Ways of writing an array PostgreSQL accepts, each with what format_type printed for a column so
     * declared on PostgreSQL 15: neither sizes nor the number of dimensions are kept, one {@code []} is.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text [ ]|text[]",
        "text[ ]|text[]",
        "integer [3]|integer[]",
        "int ARRAY|integer[]",
        "int ARRAY[3]|integer[]",
        "int array [ 3 ]|integer[]",
        "text [] []|text[]",
        "int[3][4]|integer[]",
        "int [ 3 ] [ ]|integer[]",
        "varchar(5) [ ]|character varying(5)[]",
        "numeric ( 10 , 2 ) [ ]|numeric(10,2)[]",
        "timestamptz(3) [ ]|timestamp(3) with time zone[]",
        "double precision [ ]|double precision[]",
        "\"MyType\" [ ]|\"MyType\"[]",
        "\"MyType\" ARRAY|\"MyType\"[]",
    })
    void spellsArraysAsFormatTypePrintsThem(String written, String canonical) {
        assertEquals(canonical, TypeNames.normalize(written));
    }
}
