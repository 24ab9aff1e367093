package dev.confiture.git;

/** A SQL file's text as read from git, named by its repository path for error messages. */
public record SqlText(String name, String text) {
}
