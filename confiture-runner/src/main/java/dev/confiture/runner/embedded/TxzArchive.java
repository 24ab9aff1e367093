package dev.confiture.runner.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks zonky's {@code .txz} archive of PostgreSQL's binaries: the only code that needs
 * commons-compress and XZ. It is a class of its own so that they are loaded (and verified against)
 * only when an archive is unpacked, once per machine and version: the Maven plugin does not carry
 * them and adds them to its class realm just before ({@link BinariesLocator#beforeUnpacking}).
 */
final class TxzArchive {

    private TxzArchive() {
    }

    /** The archive's files under {@code target}; an entry that would land outside it is an error. */
    static void extract(InputStream archive, Path target) throws IOException {
        Files.createDirectories(target);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    String name = entry.getName();
                    if (name.startsWith("bin/") || name.startsWith("./bin/")) {
                        file.toFile().setExecutable(true);
                    }
                }
            }
        }
    }
}
