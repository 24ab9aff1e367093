package dev.confiture.model.schema;

/** A namespace. {@code owner} is null when the source did not say. */
public record Schema(String name, String owner) {
}
