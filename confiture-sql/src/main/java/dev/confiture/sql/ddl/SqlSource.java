package dev.confiture.sql.ddl;

/** One SQL script to interpret: {@code name} is the file path as users see it (used in messages), {@code text} its content. */
public record SqlSource(String name, String text) {
}
