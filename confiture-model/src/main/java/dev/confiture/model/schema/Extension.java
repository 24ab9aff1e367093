package dev.confiture.model.schema;

/** An installed extension; {@code version} is null when the source did not pin one (CREATE EXTENSION without VERSION). */
public record Extension(String name, String schema, String version) {
}
