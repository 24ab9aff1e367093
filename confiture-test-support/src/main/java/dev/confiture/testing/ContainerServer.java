package dev.confiture.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The middle path: a throwaway PostgreSQL container when a Docker engine answers. */
final class ContainerServer {

    private ContainerServer() {
    }

    /** Null when no Docker engine answers, so the caller falls back to the embedded server. */
    static TestServer tryStart() {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "confiture-test-container-stop"));
            return new TestServer("testcontainers", container.getHost(), container.getMappedPort(5432),
                    container.getUsername(), container.getPassword(), container.getDatabaseName());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
