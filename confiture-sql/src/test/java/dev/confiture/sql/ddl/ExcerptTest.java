package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statement excerpt of messages: one line, whitespace inside a token collapsed, long tokens and statements cut. */
class ExcerptTest {

    @Test
    void whitespaceInsideATokenBecomesOneSpace() {
        assertThat(DdlInterpreter.excerpt(Token.tokenize("COMMENT ON TABLE t IS 'two\n\t  lines\r\n\fend'")))
                .isEqualTo("COMMENT ON TABLE t IS 'two lines end'");
        assertThat(DdlInterpreter.excerpt(Token.tokenize("COMMENT ON TABLE t IS 'a\u000Bb'")))
                .isEqualTo("COMMENT ON TABLE t IS 'a b'");
    }

    @Test
    void tokensLongerThanFortyAndStatementsLongerThanSixtyAreCut() {
        String name = "a_very_long_identifier_name_of_more_than_forty_characters";
        assertThat(DdlInterpreter.excerpt(Token.tokenize("CREATE TABLE " + name + " (id int)")))
                .isEqualTo("CREATE TABLE a_very_long_identifier_name_of_more_t... ( id int ...");
        assertThat(DdlInterpreter.excerpt(Token.tokenize("CREATE TABLE t (a int, b int, c int, d int, e int, f int, g int, h int)")))
                .isEqualTo("CREATE TABLE t ( a int , b int , c int , d int , e int , f int ...");
    }
}
