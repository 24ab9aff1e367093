package dev.confiture.runner.shadow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

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
        Both sides = both(() -> side(from), () -> side(to));
        return SchemaDiff.compare(sides.from().model(), sides.to().model(), OwnObjects.DEFAULT,
                Casts.union(sides.from().casts(), sides.to().casts()));
    }

    /** The two sides of a diff. */
    public record Both(Side from, Side to) {
    }

    /**
     * Builds both sides at the same time, {@code from} on a thread of its own: two scratch databases
     * are made, loaded and read side by side rather than one after the other. Returns once both are
     * done, a failing one included, so that neither leaves its scratch database behind; when both
     * fail, {@code from}'s failure is the one thrown, as if they had run in order.
     */
    public static Both both(Supplier<Side> from, Supplier<Side> to) {
        CompletableFuture<Side> fromSide = CompletableFuture.supplyAsync(from, r -> {
            Thread t = new Thread(r, "confiture-diff-from-side");
            t.setDaemon(true);
            t.start();
        });
        Side toSide = null;
        RuntimeException toFailure = null;
        try {
            toSide = to.get();
        } catch (RuntimeException e) {
            toFailure = e;
        }
        Side fromDone;
        try {
            fromDone = fromSide.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        if (toFailure != null) {
            throw toFailure;
        }
        return new Both(fromDone, toSide);
    }

    /** The model of what the scripts build in an empty database. */
    public SchemaModel model(List<SqlScript> scripts) {
        return side(scripts).model();
    }

    /** The model of what the scripts build in an empty database, with the server's casts. */
    public Side side(List<SqlScript> scripts) {
        DatabaseSettings db = scratch.create();
        Side side;
        try (Connection c = Connections.connect(db)) {
            new ScriptApplier(c).apply(scripts);
            try (Statement st = c.createStatement()) {
                st.execute("RESET ALL");
            }
            side = new Side(reader.read(c), ServerCasts.read(c));
        } catch (SQLException e) {
            ConfitureException failure = new ConfitureException("SHADOW_CONNECT_FAILED",
                    "Could not connect to the shadow database " + db.describe() + ": " + e.getMessage(), e);
            ScratchDatabases.dropAfter(scratch, db, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            ScratchDatabases.dropAfter(scratch, db, e);
            throw e;
        }
        scratch.drop(db);
        return side;
    }
}
