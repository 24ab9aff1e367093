package dev.confiture.runner.verify;

import java.sql.Connection;
import java.util.List;

import dev.confiture.model.schema.SchemaModel;

/**
 * How {@link SchemaVerifier} sees a database and compares two of them: read a live catalog into the
 * model, then list what differs between two models. The standard implementation is the catalog
 * reader and the diff engine ({@link DiffEngineComparer}); the verifier owns neither, so that there
 * is one reader and one differ in the product.
 */
public interface CatalogComparer {

    /** The user objects of the database behind {@code connection}, leaving out the tracking table. */
    SchemaModel read(Connection connection, String trackingTable);

    /**
     * Every object that differs between {@code expected} and {@code actual}, each saying what the
     * expected side has and what the actual side has; empty when the two are the same.
     */
    List<SchemaDifference> compare(SchemaModel expected, SchemaModel actual);
}
