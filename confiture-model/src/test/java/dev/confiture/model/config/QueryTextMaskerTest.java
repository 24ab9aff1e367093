package dev.confiture.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QueryTextMaskerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALTER ROLE app PASSWORD 'hunter2'|ALTER ROLE app PASSWORD '***'",
        "alter role app with encrypted password 'it''s hunter2' valid until 'infinity'|alter role app with encrypted password '***' valid until 'infinity'",
        "CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'u', password 'p@ss')|CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'u', password '***')",
        "ALTER SERVER s OPTIONS (SET sslpassword E'x\\'y')|ALTER SERVER s OPTIONS (SET sslpassword '***')",
        "select set_config('app.api_token', 'abc', false)|select set_config('app.api_token', '***', false)",
        "CREATE ROLE r LOGIN PASSWORD 'truncated by track_activity_qu|CREATE ROLE r LOGIN PASSWORD '***'",
        "ALTER ROLE r PASSWORD $pw$hunter2$pw$|ALTER ROLE r PASSWORD '***'",
        "UPDATE accounts SET name = 'password reset' WHERE id = 1|UPDATE accounts SET name = 'password reset' WHERE id = 1",
        "ALTER ROLE r PASSWORD NULL|ALTER ROLE r PASSWORD NULL",
    })
    void hidesLiteralsAfterSecretWords(String query, String shown) {
        assertEquals(shown, QueryTextMasker.mask(query));
    }

    @Test
    void keepsNullAndPlainQueries() {
        assertNull(QueryTextMasker.mask(null));
        assertEquals("LOCK TABLE users IN ACCESS EXCLUSIVE MODE", QueryTextMasker.mask("LOCK TABLE users IN ACCESS EXCLUSIVE MODE"));
    }

    @Test
    void noSecretSurvivesInAMultiLineStatement() {
        String masked = QueryTextMasker.mask("CREATE ROLE deploy\n  LOGIN\n  PASSWORD\n  'S3cret!'");
        assertFalse(masked.contains("S3cret"), masked);
    }
}
