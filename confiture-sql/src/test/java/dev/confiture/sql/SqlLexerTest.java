package dev.confiture.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.SqlToken.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's lexical rules (scan.l), case by case. The tests marked "was:" are cases where the
 * splitter's lexer and the DDL interpreter's lexer, before they became this one, disagreed with
 * each other or with PostgreSQL.
 */
class SqlLexerTest {

    private static List<String> texts(String sql) {
        return SqlLexer.tokenize(sql).stream().map(SqlToken::text).toList();
    }

    private static SqlToken only(String sql) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    @Test
    void whitespaceIsExactlyPostgresqlsSix() {
        assertThat(texts("a \tb\nc\rd\fe\u000Bf")).containsExactly("a", "b", "c", "d", "e", "f");
    }

    @Test
    void unicodeSpacesArePartOfAnIdentifier() {
        // was: the interpreter used Java's Character.isWhitespace and cut "a　b" in two
        assertThat(only("a\u3000b").value()).isEqualTo("a\u3000b");
        assertThat(only("a\u2003b").kind()).isEqualTo(Kind.WORD);
        // and the no-break space, which both already kept
        assertThat(only("a\u00A0b").value()).isEqualTo("a\u00A0b");
    }

    @Test
    void asciiControlSeparatorsAreNotWhitespace() {
        // was: Character.isWhitespace('\u001F') is true; PostgreSQL sees a character of its own
        assertThat(texts("a\u001Fb")).containsExactly("a", "\u001F", "b");
    }

    @Test
    void aByteOrderMarkIsNotWhitespaceToPostgresql() {
        // was: the splitter's lexer skipped it as a space anywhere; only the splitter skips it, between statements
        assertThat(only("\uFEFFselect").value()).isEqualTo("\uFEFFselect");
    }

    @Test
    void aLineCommentEndsAtACarriageReturnToo() {
        // was: both ran to the next \n, so a file with old Mac line endings lost the rest of its text
        assertThat(texts("a -- note\rb\r\nc -- x\nd")).containsExactly("a", "b", "c", "d");
    }

    @Test
    void blockCommentsNest() {
        assertThat(texts("a /* x /* y */ still comment */ b")).containsExactly("a", "b");
    }

    @Test
    void anOpenQuoteOrCommentIsAnErrorWithItsPosition() {
        // was: the interpreter's lexer silently ran to the end of the text
        for (String open : List.of("x \"abc", "x 'abc", "x $t$ body $$", "x /* a /* b */")) {
            assertThatThrownBy(() -> SqlLexer.tokenize(open)).as(open).isInstanceOf(ConfitureException.class)
                    .satisfies(e -> assertThat(((ConfitureException) e).code()).isEqualTo(SqlSplitter.UNTERMINATED))
                    .hasMessageContaining("line 1, column 3");
        }
        // an E'' string is placed at its quote, as the splitter always said
        assertThatThrownBy(() -> SqlLexer.tokenize("x E'a\\'")).hasMessageContaining("E'' string starting at line 1, column 4");
    }

    @Test
    void stringsAndTheirValues() {
        SqlToken standard = only("'it''s a \\ backslash'");
        assertThat(standard.kind()).isEqualTo(Kind.STRING);
        assertThat(standard.value()).isEqualTo("it's a \\ backslash");
        SqlToken escape = only("E'it\\'s;'");
        assertThat(escape.text()).isEqualTo("E'it\\'s;'");
        assertThat(escape.value()).isEqualTo("it's;");
        // the value of an E'' string is what PostgreSQL stores: its escapes decoded
        assertThat(only("E'a\\nb\\t\\x41\\101\\u00e9\\U0001F600\\\\ \\q\\xg'").value())
                .isEqualTo("a\nb\tAA\u00e9\uD83D\uDE00\\ qxg");
        assertThat(SqlLexer.tokenize("B'0101' x'ff' N'text' U&'d\\0061t'"))
                .extracting(SqlToken::kind).containsOnly(Kind.STRING).hasSize(4);
    }

    @Test
    void quotedIdentifiers() {
        SqlToken q = only("\"My \"\"Table\"\"\"");
        assertThat(q.kind()).isEqualTo(Kind.QUOTED_IDENT);
        assertThat(q.value()).isEqualTo("My \"Table\"");
        SqlToken u = only("U&\"d\\0061t\"");
        assertThat(u.kind()).isEqualTo(Kind.QUOTED_IDENT);
        assertThat(u.text()).isEqualTo("U&\"d\\0061t\"");
        // "u" followed by "&" and something else is a word and an operator
        assertThat(texts("u & 'x'")).containsExactly("u", "&", "'x'");
    }

    @Test
    void dollarQuotesWithTagsAndParameters() {
        SqlToken body = only("$fn$ BEGIN RETURN $$x$$; END $fn$");
        assertThat(body.kind()).isEqualTo(Kind.DOLLAR_STRING);
        assertThat(body.value()).isEqualTo(" BEGIN RETURN $$x$$; END ");
        assertThat(SqlLexer.tokenize("$1 + $12")).extracting(SqlToken::kind)
                .containsExactly(Kind.PARAM, Kind.OPERATOR, Kind.PARAM);
        // a dollar sign inside an identifier does not open a quote
        assertThat(texts("a$$b $$x$$")).containsExactly("a$$b", "$$x$$");
    }

    @Test
    void operatorsFollowScanL() {
        assertThat(texts("a::int")).containsExactly("a", "::", "int");
        // was: the interpreter read ">-" as one operator, so "x>-1" and "x > -1" were different CHECKs
        assertThat(texts("x>-1")).containsExactly("x", ">", "-", "1");
        assertThat(texts("x*-+1")).containsExactly("x", "*", "-", "+", "1");
        // an operator with a character SQL's operators do not use keeps its trailing sign
        assertThat(texts("p @- q")).containsExactly("p", "@-", "q");
        assertThat(texts("j->>'k' <= 2 <> 3")).containsExactly("j", "->>", "'k'", "<=", "2", "<>", "3");
        // an operator stops where a comment starts
        assertThat(texts("a+-- c\nb /* d */*/**/c")).containsExactly("a", "+", "b", "*", "c");
    }

    @Test
    void identifiersFoldToLowerCaseAndAreCutAt63Bytes() {
        assertThat(only("MyTable").value()).isEqualTo("mytable");
        // was: the interpreter cut at 63 characters, PostgreSQL cuts at 63 bytes
        String twoByteLetters = "ä".repeat(40);
        assertThat(only(twoByteLetters).value()).isEqualTo("ä".repeat(31));
        assertThat(only("\"" + twoByteLetters + "\"").value()).isEqualTo("ä".repeat(31));
    }

    @Test
    void numbersAndPunctuation() {
        assertThat(SqlLexer.tokenize("f(1.5e-3, .5)[2];")).extracting(SqlToken::kind).containsExactly(
                Kind.WORD, Kind.PUNCT, Kind.NUMBER, Kind.PUNCT, Kind.NUMBER, Kind.PUNCT,
                Kind.PUNCT, Kind.NUMBER, Kind.PUNCT, Kind.PUNCT);
    }

    @Test
    void tokensKnowTheirLineAndOffset() {
        List<SqlToken> t = SqlLexer.tokenize("a\n'x\ny'\n  b");
        assertThat(t).extracting(SqlToken::line).containsExactly(0, 1, 3);
        assertThat(t).extracting(SqlToken::offset).containsExactly(0, 2, 10);
    }
}
