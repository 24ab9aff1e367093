package dev.confiture.runner.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.ConfitureException;

/**
 * An initialised, never started PostgreSQL cluster per major version in the user's cache
 * ({@code <cache>/postgres-<major>-template}). {@code initdb} costs seconds; copying this folder into
 * a new data folder costs a fraction of one, so every embedded server after the first on a machine
 * starts from a copy.
 */
final class ClusterTemplate {

    private ClusterTemplate() {
    }

    /** The template's folder, created by {@code initdb} on first use (built aside, then renamed: safe when builds race). */
    static synchronized Path ensure(PostgresBinaries binaries, Path cache) {
        Path template = cache.resolve("postgres-" + binaries.major() + "-template");
        if (Files.isRegularFile(template.resolve("PG_VERSION"))) {
            // Damaged by hand (a cache cleaned by name): every new data folder would be a copy that
            // cannot start, with only the server's log to say why. Not repaired here, as a build may be
            // copying it right now.
            if (!Files.isRegularFile(template.resolve("global/pg_control"))) {
                throw new ConfitureException("EMBEDDED_TEMPLATE_INCOMPLETE", "The PostgreSQL cluster template " + template
                        + " has no global/pg_control. Delete the folder " + template + "; the next goal makes it again.");
            }
            return template;
        }
        Path log = cache.resolve("postgres-" + binaries.major() + "-initdb.log");
        Path partial = PartialFolders.next(template);
        try {
            Files.createDirectories(cache);
            PartialFolders.sweep(template);
            PostgresBinaries.machineSetup("Making the PostgreSQL " + binaries.major() + " cluster template in " + cache
                    + " (once per machine and major version) ...");
            List<String> command = new ArrayList<>(PostgresUser.prefix());
            command.addAll(List.of(binaries.program("initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF-8",
                    "-D", partial.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            if (p.waitFor() != 0) {
                throw new IOException("initdb failed (exit " + p.exitValue() + ")");
            }
            try {
                Files.move(partial, template, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                FileTrees.delete(partial);
                if (!Files.isRegularFile(template.resolve("PG_VERSION"))) {
                    throw raced;
                }
            }
            return template;
        } catch (IOException e) {
            PartialFolders.deleteQuietly(partial);
            throw new ConfitureException("EMBEDDED_INITDB_FAILED", "Could not initialise the embedded PostgreSQL "
                    + binaries.version() + " template in " + template + ": " + e.getMessage() + ". See " + log + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PartialFolders.deleteQuietly(partial);
            throw new ConfitureException("EMBEDDED_INITDB_FAILED", "Interrupted while initialising " + template, e);
        }
    }

    /** A new data folder at {@code dataDir} (which must not exist), copied from the template. */
    static void copyTo(PostgresBinaries binaries, Path dataDir) {
        Path template = ensure(binaries, CacheDirectory.path());
        Path partial = PartialFolders.next(dataDir);
        try {
            Files.createDirectories(dataDir.getParent());
            PartialFolders.sweep(dataDir);
            FileTrees.copy(template, partial);
            Files.move(partial, dataDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            PartialFolders.deleteQuietly(partial);
            throw new ConfitureException("EMBEDDED_START_FAILED", "Could not copy the PostgreSQL template " + template
                    + " to " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The major version a data folder was created by, from its {@code PG_VERSION} file; 0 when it has none. */
    static int majorOf(Path dataDir) {
        try {
            return Integer.parseInt(Files.readString(dataDir.resolve("PG_VERSION"), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
