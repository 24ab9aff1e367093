package dev.confiture.runner.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A build in a JVM of its own, for the tests of builds running at once: attaches to the project
 * server in {@code args[0]} with {@code args[1]} idle minutes, prints {@code port started}, then
 * stays until the file {@code args[2]} exists.
 */
public final class AttachMain {

    private AttachMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.project(Path.of(args[0]), Integer.parseInt(args[1]),
                message -> System.out.println("progress: " + message));
        server.database("confiture_local");
        System.out.println(server.port() + " " + server.startedHere());
        System.out.flush();
        Path release = Path.of(args[2]);
        while (!Files.exists(release)) {
            Thread.sleep(50);
        }
    }
}
