package dev.confiture.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Folding and quoting as PostgreSQL does them in a UTF-8 database (downcase_identifier, quote_ident). */
class IdentifiersTest {

    @Test
    void onlyAsciiLettersAreFolded() {
        assertThat(Identifiers.fold("Users")).isEqualTo("users");
        assertThat(Identifiers.fold("\u00c9T\u00c9")).isEqualTo("\u00c9t\u00c9");
        assertThat(Identifiers.fold("Stra\u00dfe")).isEqualTo("stra\u00dfe");
        assertThat(Identifiers.fold("\"Users\"")).isEqualTo("Users");
    }

    @Test
    void whatIsNotAsciiLowerCaseDigitOrUnderscoreIsQuoted() {
        assertThat(Identifiers.quote("users_2")).isEqualTo("users_2");
        assertThat(Identifiers.quote("_draft")).isEqualTo("_draft");
        assertThat(Identifiers.quote("2fa")).isEqualTo("\"2fa\"");
        assertThat(Identifiers.quote("Users")).isEqualTo("\"Users\"");
        assertThat(Identifiers.quote("a b")).isEqualTo("\"a b\"");
        assertThat(Identifiers.quote("")).isEqualTo("\"\"");
        assertThat(Identifiers.quote("a$b")).isEqualTo("\"a$b\"");
        assertThat(Identifiers.quote("\u00e9t\u00e9")).isEqualTo("\"\u00e9t\u00e9\"");
        assertThat(Identifiers.quote("select")).isEqualTo("\"select\"");
    }
}
