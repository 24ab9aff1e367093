package dev.confiture.runner.embedded;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folders built aside and renamed into place when complete ({@code <name>.partial-<pid>-<uuid>}): the
 * unpacked binaries, the cluster template, a project's data folder. A build stopped while it builds
 * one (Ctrl-C during a machine's first unpack, a kill) cannot delete it, so the next build that
 * builds the same folder sweeps what such builds left: a folder whose process is gone. One without a
 * process id (named by plugins before session 24) goes once it is an hour old.
 *
 * <p>A process id is only meaningful on its own machine: two machines unpacking into one shared cache
 * folder at the same moment could sweep each other's, and the swept build then fails and is run again.
 * {@code -Dconfiture.cacheDir} points each machine at a folder of its own.
 */
final class PartialFolders {

    private static final String MARK = ".partial-";
    private static final Pattern OWNED = Pattern.compile("(\\d{1,18})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration UNOWNED_AGE = Duration.ofHours(1);

    private PartialFolders() {
    }

    /** A new name beside {@code target} to build it under, naming this process. */
    static Path next(Path target) {
        return target.resolveSibling(target.getFileName() + MARK + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
    }

    /**
     * Deletes the folders beside {@code target} that builds of it left behind (see the class comment);
     * what cannot be read or deleted stays, as it did before.
     */
    static void sweep(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = target.getFileName() + MARK;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
            Instant now = Instant.now();
            for (Path partial : siblings) {
                String suffix = partial.getFileName().toString().substring(prefix.length());
                if (abandoned(suffix, Files.getLastModifiedTime(partial), now)) {
                    FileTrees.delete(partial);
                }
            }
        } catch (IOException ignored) {
            // a leftover stays where it is, named as what it is; the build itself goes on
        }
    }

    /** Deletes a folder this build was building, after a failure; what cannot be deleted the next build sweeps. */
    static void deleteQuietly(Path partial) {
        try {
            FileTrees.delete(partial);
        } catch (IOException ignored) {
            // named with this process, it goes once this process has ended (sweep)
        }
    }

    /** Whether the folder a build named {@code <name>.partial-<suffix>} is no longer that build's. */
    static boolean abandoned(String suffix, FileTime modified, Instant now) {
        Matcher owned = OWNED.matcher(suffix);
        if (owned.matches()) {
            return ProcessHandle.of(Long.parseLong(owned.group(1))).map(p -> !p.isAlive()).orElse(true);
        }
        return modified.toInstant().plus(UNOWNED_AGE).isBefore(now);
    }
}
