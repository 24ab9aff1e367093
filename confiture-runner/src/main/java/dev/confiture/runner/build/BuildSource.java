package dev.confiture.runner.build;

import java.nio.file.Path;

/**
 * One input file of a build: its path relative to the project (with {@code /} separators, as it
 * appears in the {@code -- File:} comment, the hash and error messages), where it lives, its text,
 * and whether it came from a seed include.
 */
public record BuildSource(String relativePath, Path file, String content, boolean seed) {
}
