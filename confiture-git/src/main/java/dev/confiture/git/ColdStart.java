package dev.confiture.git;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.confiture.diff.OwnObjects;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * The work a cold JVM does before validate can answer that depends on neither the repository nor the
 * range, started on two other threads as soon as the goal starts, so that it overlaps with Maven
 * reading the environment and with the first git reads (the machines validate runs on have two cores
 * or more). Profiled on the bench repository, a cold {@code mvn confiture:validate} spent most of its
 * time there: loading JGit (a signed jar, whose signature is checked on its first class), JGit asking
 * the {@code git} executable where the system configuration is (two processes), and loading and first
 * running the DDL interpreter and the diff engine.
 *
 * <p>Nothing computed here is kept but loaded classes and JGit's own configuration caches, which JGit
 * checks against the files on every use: the answer is the one a run without it gives. A failure here
 * is ignored; the same step fails again on the main thread, where it is reported.
 */
final class ColdStart {

    /** Statements of the kinds a schema is made of: the interpreter's and the diff engine's usual paths. */
    private static final String SAMPLE = """
            CREATE TABLE warm_up (id bigint PRIMARY KEY, name varchar(20) NOT NULL DEFAULT '', at timestamptz,
                amount numeric(10, 2) CHECK (amount > 0), tags text[], UNIQUE (name));
            CREATE INDEX warm_up_at ON warm_up (at);
            CREATE VIEW warm_up_names AS SELECT id, name FROM warm_up;
            """;
    private static final String MIGRATION = "ALTER TABLE warm_up ADD COLUMN extra integer;";

    private final CompletableFuture<Void> git;

    private ColdStart(CompletableFuture<Void> git) {
        this.git = git;
    }

    static ColdStart begin() {
        CompletableFuture<Void> git = runAside("confiture-validate-git-warm-up", ColdStart::warmGit);
        runAside("confiture-validate-sql-warm-up", ColdStart::warmInterpreter);
        return new ColdStart(git);
    }

    /**
     * Waits for the JGit part, so that the main thread opens the repository with JGit loaded and its
     * configuration found, and never runs the same discovery at the same time.
     */
    void awaitGit() {
        git.exceptionally(e -> null).join();
    }

    static void warmGit() {
        FS.DETECTED.getGitSystemConfig();
        try {
            SystemReader.getInstance().getUserConfig();
        } catch (Exception e) {
            // an unreadable configuration is reported when the repository is opened
        }
    }

    static void warmInterpreter() {
        DdlInterpreter interpreter = new DdlInterpreter();
        SchemaModel before = interpreter.interpret(SchemaModel.empty(), List.of(new SqlSource("warm-up.sql", SAMPLE)));
        SchemaModel after = interpreter.interpretMigration(before, new SqlSource("warm-up.up.sql", MIGRATION));
        SchemaDiff.differences(before, after, OwnObjects.of(null));
    }

    private static CompletableFuture<Void> runAside(String name, Runnable work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }
}
