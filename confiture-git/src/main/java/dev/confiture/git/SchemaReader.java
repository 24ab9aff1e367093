package dev.confiture.git;

import java.util.List;

import dev.confiture.model.schema.SchemaModel;

/**
 * How SQL becomes a model: applies files, in order, to a starting model. The one implementation
 * is the DDL interpreter of confiture-sql (there is one SQL reader in the product); the
 * interface keeps this module's checks independent of how that reader is built. A statement it
 * cannot understand is a {@link dev.confiture.model.ConfitureException} naming the file and line.
 */
public interface SchemaReader {

    SchemaModel read(SchemaModel start, List<SqlText> files);

    /**
     * Applies one migration file; as {@link #read}, and first refuses what no migration may contain
     * (transaction control, psql meta-commands), as the runner does.
     */
    SchemaModel readMigration(SchemaModel start, SqlText migration);
}
