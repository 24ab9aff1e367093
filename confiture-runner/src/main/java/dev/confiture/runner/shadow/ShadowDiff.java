package dev.confiture.runner.shadow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.confiture.diff.Casts;
import dev.confiture.diff.DiffResult;
import dev.confiture.diff.OwnObjects;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.jdbc.Connections;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.runner.catalog.CatalogReader;

/**
 * Shadow mode: PostgreSQL itself interprets each side. Each side's scripts run in a scratch
 * database of their own, the two catalogs are read back into models by the {@link CatalogReader},
 * and the models are compared by {@link SchemaDiff}. Scratch databases are dropped afterwards,
 * also when a script fails.
 */
public final class ShadowDiff {

    private final ScratchDatabases scratch;
    private final CatalogReader reader;

    public ShadowDiff(ScratchDatabases scratch, CatalogReader reader) {
        this.scratch = scratch;
        this.reader = reader;
    }

    /** On the embedded scratch server, leaving out {@code confiture_migrations}. */
    public static ShadowDiff embedded() {
        return new ShadowDiff(ScratchDatabases.embedded(), new CatalogReader());
    }

    /** What one side builds: its model, and the casts of the server it was built on ({@code pg_cast}). */
    public record Side(SchemaModel model, Casts casts) {
    }

    /**
     * Both sides are built at the same time, each in its own scratch database; column type changes
     * follow the shadow server's casts (its {@code pg_cast}), not the built-in table offline mode uses.
     */
    public DiffResult diff(List<SqlScript> from, List<SqlScript> to) {
        java.util.concurrent.CompletableFuture<Side> fromSide =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> side(from));
        Side toSide = side(to);
        try {
            Side f = fromSide.join();
            return SchemaDiff.compare(f.model(), toSide.model(), OwnObjects.DEFAULT, Casts.union(f.casts(), toSide.casts()));
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** The model of what the scripts build in an empty database. */
    public SchemaModel model(List<SqlScript> scripts) {
        return side(scripts).model();
    }

    /** The model of what the scripts build in an empty database, with the server's casts. */
    public Side side(List<SqlScript> scripts) {
        DatabaseSettings db = scratch.create();
        try {
            try (Connection c = Connections.connect(db)) {
                new ScriptApplier(c).apply(scripts);
                try (Statement st = c.createStatement()) {
                    st.execute("RESET ALL");
                }
                return new Side(reader.read(c), ServerCasts.read(c));
            } catch (SQLException e) {
                throw new ConfitureException("SHADOW_CONNECT_FAILED",
                        "Could not connect to the shadow database " + db.describe() + ": " + e.getMessage(), e);
            }
        } finally {
            scratch.drop(db);
        }
    }
}
