package dev.confiture.git;

import java.util.List;

import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.model.schema.SchemaModel;

/**
 * The product's one SQL reader, {@link DdlInterpreter}, in strict mode: a statement it does not
 * understand, or that PostgreSQL would refuse at that point, stops with the file and line rather
 * than being left out of the model (a change hidden in it would go unseen).
 */
public final class InterpreterSchemaReader implements SchemaReader {

    private final DdlInterpreter interpreter = new DdlInterpreter();

    @Override
    public SchemaModel read(SchemaModel start, List<SqlText> files) {
        return interpreter.interpret(start, files.stream().map(f -> new SqlSource(f.name(), f.text())).toList());
    }

    @Override
    public SchemaModel readMigration(SchemaModel start, SqlText migration) {
        return interpreter.interpretMigration(start, new SqlSource(migration.name(), migration.text()));
    }
}
