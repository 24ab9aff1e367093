package dev.confiture.maven;

import java.util.List;

import dev.confiture.model.config.Fleet;
import org.apache.maven.settings.Server;

/** settings.xml credentials ({@code confiture.serverId}) for every fleet database that names none of its own. */
final class FleetCredentials {

    private FleetCredentials() {
    }

    static Fleet withServer(Fleet fleet, Server server) {
        List<Fleet.FleetDatabase> databases = fleet.databases().stream()
                .map(d -> new Fleet.FleetDatabase(d.name(), d.settings().withFallbackCredentials(server.getUsername(),
                        server.getPassword()), d.line()))
                .toList();
        return new Fleet(databases, fleet.tenants());
    }
}
