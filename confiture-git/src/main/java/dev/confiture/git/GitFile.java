package dev.confiture.git;

import org.eclipse.jgit.lib.ObjectId;

/** A file as git records it in a tree or the index: its repository path and the id of its content. */
public record GitFile(String path, ObjectId blob) {
}
