package dev.confiture.git;

import java.util.List;

import dev.confiture.diff.OwnObjects;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;

/**
 * The DDL interpreter's and the diff engine's first run in a cold JVM (class loading, first
 * compilation), on a small sample schema, on another thread: the half of {@link ColdStart} that needs
 * no JGit. This class references none of JGit's types, so that a caller that makes JGit loadable only
 * at run time (the Maven plugin) can start it before, and overlap it with, finding JGit.
 *
 * <p>Nothing is kept but loaded classes and compiled code: answers are those of a run without it. A
 * failure here is ignored; the same work fails again on the main thread, where it is reported.
 */
public final class InterpreterWarmUp {

    /** Statements of the kinds a schema is made of: the interpreter's and the diff engine's usual paths. */
    private static final String SAMPLE = """
            CREATE TABLE warm_up (id bigint PRIMARY KEY, name varchar(20) NOT NULL DEFAULT '', at timestamptz,
                amount numeric(10, 2) CHECK (amount > 0), tags text[], UNIQUE (name));
            CREATE INDEX warm_up_at ON warm_up (at);
            CREATE VIEW warm_up_names AS SELECT id, name FROM warm_up;
            """;
    private static final String MIGRATION = "ALTER TABLE warm_up ADD COLUMN extra integer;";

    private InterpreterWarmUp() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void start() {
        Aside.run("confiture-validate-sql-warm-up", InterpreterWarmUp::warm);
    }

    static void warm() {
        DdlInterpreter interpreter = new DdlInterpreter();
        SchemaModel before = interpreter.interpret(SchemaModel.empty(), List.of(new SqlSource("warm-up.sql", SAMPLE)));
        SchemaModel after = interpreter.interpretMigration(before, new SqlSource("warm-up.up.sql", MIGRATION));
        SchemaDiff.differences(before, after, OwnObjects.of(null));
    }
}
