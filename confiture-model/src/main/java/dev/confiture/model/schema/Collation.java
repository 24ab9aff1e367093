package dev.confiture.model.schema;

/** CREATE COLLATION: provider ({@code libc}, {@code icu}), locale or lc_collate/lc_ctype, determinism. */
public record Collation(QualifiedName name, String provider, String locale, String lcCollate, String lcCtype,
                        boolean deterministic) {
}
