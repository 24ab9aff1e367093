package dev.confiture.runner.embedded;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL refuses to run as root. In a container where the build runs as root (CI images), the
 * programs run through {@code unshare -U}, in a user namespace where they are not root, as zonky
 * does; files they write stay owned by the real user.
 */
final class PostgresUser {

    private static volatile List<String> prefix;

    private PostgresUser() {
    }

    /** The words to put before a PostgreSQL program's command line: none, or {@code unshare -U}. */
    static List<String> prefix() {
        if (prefix == null) {
            prefix = runningAsRootOnLinux() && unshareWorks() ? List.of("unshare", "-U") : List.of();
        }
        return prefix;
    }

    private static boolean runningAsRootOnLinux() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("linux")
                && "root".equals(System.getProperty("user.name"));
    }

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
