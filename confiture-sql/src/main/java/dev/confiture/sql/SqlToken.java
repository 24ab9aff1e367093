package dev.confiture.sql;

/**
 * One lexical token as {@link SqlLexer} reads it. {@code text} is the source spelling;
 * {@code value} what it means: an unquoted word folded to lower case, a quoted identifier without
 * its quotes (both cut to PostgreSQL's 63 bytes), a string's or dollar-quoted string's content
 * (doubled quotes undoubled; in an {@code E''} string the backslash sequences are kept as written);
 * for the other kinds the text itself. {@code line} counts from 0 at the start of the lexed text;
 * {@code offset} is the token's first character in it.
 */
public record SqlToken(Kind kind, String text, String value, int line, int offset) {

    /** The token kinds of PostgreSQL's scanner that callers tell apart. */
    public enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** {@code "name"} or {@code U&"name"}. */
        QUOTED_IDENT,
        /** {@code '...'}, {@code E'...'}, {@code B'...'}, {@code X'...'}, {@code N'...'}, {@code U&'...'}. */
        STRING,
        /** {@code $$...$$} or {@code $tag$...$tag$}. */
        DOLLAR_STRING,
        NUMBER,
        /** An operator ({@code ::}, {@code <=}, {@code ->>} ...) or a character PostgreSQL has no other use for. */
        OPERATOR,
        /** One of {@code ( ) , ; [ ] . :}. */
        PUNCT,
        /** A positional parameter, {@code $1}. */
        PARAM
    }
}
