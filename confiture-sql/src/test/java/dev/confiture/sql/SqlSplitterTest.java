package dev.confiture.sql;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlSplitterTest {

    private static List<String> sqls(String script) {
        return SqlSplitter.split(script).stream().map(SqlStatement::sql).toList();
    }

    @Test
    void splitsOnSemicolonsAndTrims() {
        assertThat(sqls("CREATE TABLE a (id int);\n  CREATE TABLE b (id int) ;\n"))
                .containsExactly("CREATE TABLE a (id int)", "CREATE TABLE b (id int)");
    }

    @Test
    void keepsAFinalStatementWithoutSemicolon() {
        assertThat(sqls("SELECT 1;\nSELECT 2\n")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void dropsEmptyStatementsAndCommentOnlyOnes() {
        assertThat(sqls(";;\n ; -- nothing\n/* nothing */;\nSELECT 1;;\n-- trailing comment\n"))
                .containsExactly("SELECT 1");
        assertThat(sqls("")).isEmpty();
        assertThat(sqls("   \n\t")).isEmpty();
        assertThat(sqls("-- only a comment")).isEmpty();
    }

    @Test
    void semicolonInStandardStringWithDoubledQuotes() {
        assertThat(sqls("INSERT INTO t VALUES ('a;b', 'it''s; fine');SELECT 2"))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s; fine')", "SELECT 2");
    }

    @Test
    void backslashIsPlainInStandardStrings() {
        // standard_conforming_strings=on: 'C:\' is a complete string, the ; after it ends the statement.
        assertThat(sqls("SELECT 'C:\\';SELECT 2")).containsExactly("SELECT 'C:\\'", "SELECT 2");
    }

    @Test
    void escapeStringsHonourBackslashes() {
        assertThat(sqls("SELECT E'it\\'s; still a string';SELECT 2"))
                .containsExactly("SELECT E'it\\'s; still a string'", "SELECT 2");
        assertThat(sqls("SELECT e'a\\\\';SELECT 2")).containsExactly("SELECT e'a\\\\'", "SELECT 2");
        assertThat(sqls("SELECT E'x''; y';SELECT 2")).containsExactly("SELECT E'x''; y'", "SELECT 2");
    }

    @Test
    void anIdentifierEndingInEIsNotAnEscapeString() {
        // "type'..'" is an identifier followed by a standard string: the backslash is plain.
        assertThat(sqls("SELECT date'2020-01-01', type'\\';SELECT 2"))
                .containsExactly("SELECT date'2020-01-01', type'\\'", "SELECT 2");
    }

    @Test
    void unicodeStringsAndIdentifiers() {
        assertThat(sqls("SELECT U&'d\\0061t;a' UESCAPE '!', U&\"d;x\";SELECT 2"))
                .containsExactly("SELECT U&'d\\0061t;a' UESCAPE '!', U&\"d;x\"", "SELECT 2");
    }

    @Test
    void bitHexAndNationalStrings() {
        assertThat(sqls("SELECT B'0;1', X'f;f', N'n;n';SELECT 2")).hasSize(2);
    }

    @Test
    void dollarQuotesWithAndWithoutTags() {
        String fn = """
                CREATE FUNCTION f() RETURNS int AS $$
                BEGIN
                  PERFORM 1; RETURN 2;
                END;
                $$ LANGUAGE plpgsql""";
        String tagged = """
                CREATE FUNCTION g() RETURNS text AS $fn$
                  SELECT 'a;' || $$b;$$ || $x$c;$x$;
                $fn$ LANGUAGE sql""";
        assertThat(sqls(fn + ";\n" + tagged + ";\nSELECT 3;")).containsExactly(fn, tagged, "SELECT 3");
    }

    @Test
    void nestedDifferentDollarTagsOnlyCloseOnTheirOwnTag() {
        String sql = "DO $outer$ BEGIN EXECUTE $inner$ SELECT 1; $inner$; END $outer$";
        assertThat(sqls(sql + "; SELECT 2")).containsExactly(sql, "SELECT 2");
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        String fn = "CREATE FUNCTION add(int, int) RETURNS int AS 'SELECT $1 + $2' LANGUAGE sql";
        assertThat(sqls(fn + "; PREPARE p AS SELECT $1; SELECT 3"))
                .containsExactly(fn, "PREPARE p AS SELECT $1", "SELECT 3");
    }

    @Test
    void dollarInsideAnIdentifierIsNotAQuote() {
        assertThat(sqls("SELECT a$b$ FROM t; SELECT 2")).containsExactly("SELECT a$b$ FROM t", "SELECT 2");
    }

    @Test
    void quotedIdentifiersWithSemicolonsAndDoubledQuotes() {
        assertThat(sqls("CREATE TABLE \"a;b\" (\"x\"\"; y\" int); SELECT 2"))
                .containsExactly("CREATE TABLE \"a;b\" (\"x\"\"; y\" int)", "SELECT 2");
    }

    @Test
    void lineCommentsHideSemicolonsAndQuotes() {
        assertThat(sqls("SELECT 1 -- not the end; nor 'a quote\n, 2;\nSELECT 3"))
                .containsExactly("SELECT 1 -- not the end; nor 'a quote\n, 2", "SELECT 3");
    }

    @Test
    void blockCommentsNest() {
        assertThat(sqls("SELECT /* a /* nested; */ still comment; */ 1; SELECT 2"))
                .containsExactly("SELECT /* a /* nested; */ still comment; */ 1", "SELECT 2");
    }

    @Test
    void quotesInsideCommentsAndCommentsInsideQuotes() {
        assertThat(sqls("SELECT '/* not a comment;' , $$-- nor this;$$ /* 'nor; this' */; SELECT 2"))
                .containsExactly("SELECT '/* not a comment;' , $$-- nor this;$$", "SELECT 2");
    }

    @Test
    void sqlStandardFunctionBodiesKeepTheirSemicolons() {
        String fn = """
                CREATE OR REPLACE FUNCTION bump(a int) RETURNS int
                LANGUAGE sql
                BEGIN ATOMIC
                  INSERT INTO log VALUES (a);
                  SELECT CASE WHEN a > 0 THEN a ELSE 0 END;
                END""";
        String proc = """
                CREATE PROCEDURE p()
                BEGIN ATOMIC
                  INSERT INTO log VALUES (1);
                END""";
        assertThat(sqls(fn + ";\n" + proc + ";\nSELECT 3;")).containsExactly(fn, proc, "SELECT 3");
    }

    @Test
    void beginOutsideARoutineIsATransactionStatement() {
        assertThat(sqls("BEGIN; CREATE TABLE t (id int); END; SELECT 1"))
                .containsExactly("BEGIN", "CREATE TABLE t (id int)", "END", "SELECT 1");
    }

    @Test
    void semicolonsInsideParenthesesDoNotEndAStatementAsInPsql() {
        String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
        assertThat(sqls(rule + "; SELECT 2")).containsExactly(rule, "SELECT 2");
    }

    @Test
    void positionsPointAtTheFirstCharacterAfterLeadingComments() {
        List<SqlStatement> st = SqlSplitter.split("-- header\n/* block\n */  SELECT 1;\n\n   SELECT\n2; SELECT 3");
        assertThat(st).containsExactly(
                new SqlStatement("SELECT 1", 3, 6),
                new SqlStatement("SELECT\n2", 5, 4),
                new SqlStatement("SELECT 3", 6, 4));
    }

    @Test
    void trailingCommentsAreLeftOutOfTheStatementText() {
        assertThat(sqls("SELECT 1 -- why\n;\nSELECT 2 /* end */")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void aLineCommentEndsAtALoneCarriageReturnAsInPsql() {
        // was: the comment ran to the next \n and swallowed the second statement
        assertThat(SqlSplitter.split("SELECT 1; -- one\rSELECT 2;")).extracting(SqlStatement::sql)
                .containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void crlfLineEndings() {
        List<SqlStatement> st = SqlSplitter.split("-- c\r\nSELECT 1;\r\nSELECT 'a\r\nb';\r\n  SELECT 3;\r\n");
        assertThat(st).extracting(SqlStatement::sql).containsExactly("SELECT 1", "SELECT 'a\r\nb'", "SELECT 3");
        assertThat(st).extracting(SqlStatement::line).containsExactly(2, 3, 5);
        assertThat(st.get(2).column()).isEqualTo(3);
    }

    @Test
    void byteOrderMarkIsIgnored() {
        List<SqlStatement> st = SqlSplitter.split("\uFEFFSELECT 1;");
        assertThat(st).containsExactly(new SqlStatement("SELECT 1", 1, 1));
    }

    @Test
    void byteOrderMarksOfConcatenatedFilesAreIgnoredBetweenStatements() {
        assertThat(SqlSplitter.split("SELECT 1;\n\uFEFFSELECT 2;\n\uFEFF-- c\nSELECT 3"))
                .containsExactly(new SqlStatement("SELECT 1", 1, 1), new SqlStatement("SELECT 2", 2, 2), new SqlStatement("SELECT 3", 4, 1));
    }

    @Test
    void psqlMetaCommandsBetweenStatementsAreSkipped() {
        String dump = """
                \\restrict AbC123xyz
                SET statement_timeout = 0;
                \\connect mydb
                  \\set ON_ERROR_STOP on
                CREATE TABLE t (id int);
                \\unrestrict AbC123xyz
                """;
        List<SqlStatement> st = SqlSplitter.split(dump);
        assertThat(st).extracting(SqlStatement::sql).containsExactly("SET statement_timeout = 0", "CREATE TABLE t (id int)");
        assertThat(st).extracting(SqlStatement::line).containsExactly(2, 5);
    }

    @Test
    void psqlMetaCommandsAreReportedWithTheirLines() {
        String dump = """
                \\restrict AbC123xyz
                SET statement_timeout = 0;
                \\connect mydb
                  \\set ON_ERROR_STOP on
                CREATE TABLE t (id int); \\i other.sql
                SELECT '\\not a command', $$\\nor this$$ -- \\nor this
                ;
                \\unrestrict AbC123xyz
                """;
        SqlSplitter.Cut cut = SqlSplitter.cut(dump, null);
        assertThat(cut.metaCommands()).containsExactly(new MetaCommand("\\restrict", 1), new MetaCommand("\\connect", 3),
                new MetaCommand("\\set", 4), new MetaCommand("\\i", 5), new MetaCommand("\\unrestrict", 8));
        assertThat(cut.statements()).extracting(SqlStatement::line).containsExactly(2, 5, 6);
    }

    @Test
    void aBackslashLineInsideAStatementIsReportedToo() {
        SqlSplitter.Cut cut = SqlSplitter.cut("CREATE TABLE t (\n  id int\n\\set x 1\n);\nSELECT 1;", null);
        assertThat(cut.metaCommands()).containsExactly(new MetaCommand("\\set", 3));
        assertThat(cut.statements()).hasSize(2);
    }

    @Test
    void copyFromStdinCarriesItsDataLines() {
        String dump = "COPY public.t (id, name) FROM stdin;\n1\ta;b\n2\t'x\n\\.\nSELECT 2;\n";
        List<SqlStatement> st = SqlSplitter.split(dump);
        assertThat(st).hasSize(2);
        assertThat(st.get(0).sql()).isEqualTo("COPY public.t (id, name) FROM stdin");
        assertThat(st.get(0).copyData()).isEqualTo("1\ta;b\n2\t'x\n");
        assertThat(st.get(1)).isEqualTo(new SqlStatement("SELECT 2", 5, 1));
        assertThat(st.get(1).hasCopyData()).isFalse();
    }

    @Test
    void copyDataRunsToTheEndWhenTheTerminatorIsMissing() {
        List<SqlStatement> st = SqlSplitter.split("copy t from STDIN;\r\n1\r\n2\r\n");
        assertThat(st).singleElement().extracting(SqlStatement::copyData).isEqualTo("1\r\n2\r\n");
    }

    @Test
    void copyToStdoutHasNoData() {
        assertThat(SqlSplitter.split("COPY t TO stdout; SELECT 2")).hasSize(2).allMatch(s -> !s.hasCopyData());
    }

    @Test
    void unterminatedConstructsNameTheirLine() {
        assertUnterminated("SELECT 1;\nSELECT 'abc;\n", 2, "string");
        assertUnterminated("SELECT 1;\n\nSELECT E'abc\\';", 3, "E'' string");
        assertUnterminated("SELECT \"abc;", 1, "quoted identifier");
        assertUnterminated("SELECT 1;\nDO $body$ BEGIN END $$;", 2, "$body$");
        assertUnterminated("SELECT 1; /* outer /* inner */ still open", 1, "block comment");
    }

    private static void assertUnterminated(String script, int line, String what) {
        Path file = Path.of("db/schema/x.sql");
        assertThatThrownBy(() -> SqlSplitter.split(script, file))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("SQL_UNTERMINATED");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.getMessage()).startsWith("db/schema/x.sql:" + line + ": Unterminated").contains(what);
                });
    }

    @Test
    void keepsNonAsciiText() {
        assertThat(sqls("COMMENT ON TABLE café IS 'crème; brûlée'; SELECT '日本;語'"))
                .containsExactly("COMMENT ON TABLE café IS 'crème; brûlée'", "SELECT '日本;語'");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "SELECT 1;|false",
            "SELECT 1|true",
            "SELECT 1; -- done|false",
            "SELECT 1 -- no semicolon|true",
            "''|false",
            "-- only a comment|false",
            "SELECT 1; SELECT 2|true",
            "SELECT (1;|true",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;|false",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END|true",
    })
    void endsUnterminatedTellsWhetherPsqlWouldWaitForMore(String script, boolean unterminated) {
        assertThat(SqlSplitter.cut(script, null).endsUnterminated()).as(script).isEqualTo(unterminated);
    }
}
