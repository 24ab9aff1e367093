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
        "text [] []|text[][]",
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
}
