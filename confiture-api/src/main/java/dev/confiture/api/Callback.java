package dev.confiture.api;

/**
 * Java code run at the points SQL callbacks run (docs/migrations.md, "Callbacks"), for what SQL does
 * badly. A concrete class with a public no-argument constructor in the Java migrations package
 * ({@code confiture.javaMigrationsPackage}) is found as Java migrations are; callbacks of one event
 * run after that event's SQL callbacks, in class-name order.
 *
 * <pre>
 * public class RefreshReports implements Callback {
 *     public boolean supports(String event) { return event.equals("afterMigrate"); }
 *     public void handle(String event, MigrationContext ctx) { ctx.execute("REFRESH MATERIALIZED VIEW report"); }
 * }
 * </pre>
 */
public interface Callback {

    /**
     * Whether to run at {@code event}: Flyway's names, {@code beforeMigrate}, {@code beforeEachMigrate},
     * {@code afterEachMigrate}, {@code afterMigrate}, {@code afterMigrateError}, {@code beforeRollback},
     * {@code afterRollback}.
     */
    boolean supports(String event);

    /**
     * Runs at {@code event} on the session that runs the migrations: inside the migration's own
     * transaction for {@code beforeEachMigrate} and {@code afterEachMigrate} (a failure rolls the
     * migration back), in a transaction of its own otherwise. Do not commit or close the connection.
     */
    void handle(String event, MigrationContext ctx) throws Exception;
}
