package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A statement's excerpt in messages: its first words on one line, whitespace runs made one space. */
class ExcerptTest {

    @Test
    void oneLineCollapsesWhitespaceRunsAsTheRegularExpressionDid() {
        for (String text : List.of("", "users", " ", "a b", "a  b", "\ta\n", "$$\n  SELECT 1;\r\n\t$$", "'x\u000B\fy'",
                "trailing   ", "   leading", "a \t\n\r\f\u000B b c\n")) {
            assertThat(DdlInterpreter.oneLine(text)).as("%s", text).isEqualTo(text.replaceAll("\\s+", " "));
        }
    }

    @Test
    void aTokenWithoutWhitespaceComesBackAsItIs() {
        String token = "public.users";
        assertThat(DdlInterpreter.oneLine(token)).isSameAs(token);
    }

    @Test
    void anUnreadableStatementIsNamedByItsFirstWordsOnOneLine() {
        DdlInterpreter.Touched touched = DdlInterpreter.readTouchedObjects("CREATE FROBNICATOR x AS $$\n  line one\n\n"
                + "  line two $$;");
        assertThat(touched.unreadable()).singleElement()
                .satisfies(d -> assertThat(d.statementExcerpt()).isEqualTo("CREATE FROBNICATOR x AS $$ line one line two $$"));
    }
}
