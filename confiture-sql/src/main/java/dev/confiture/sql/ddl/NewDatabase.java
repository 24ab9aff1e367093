package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.Schema;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.SchemaModelBuilder;

/**
 * What {@code CREATE DATABASE} gives on PostgreSQL 15 and later, as the catalog reader reads it: the
 * {@code public} schema owned by {@code pg_database_owner}, {@code USAGE} on it granted to PUBLIC, and
 * its standard comment. Offline diffs interpret each side's files from here, so that a file that
 * changes what a new database has ({@code ALTER SCHEMA public OWNER TO ...}, {@code REVOKE ... ON SCHEMA
 * public FROM PUBLIC}, as pg_dump writes) gives the statements shadow mode gives.
 */
public final class NewDatabase {

    private NewDatabase() {
    }

    public static SchemaModel model() {
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        b.schemas.put("public", new Schema("public", "pg_database_owner"));
        ObjectRef publicSchema = new ObjectRef(ObjectRef.Kind.SCHEMA, "public");
        b.grants.add(new Grant(publicSchema, "PUBLIC", "USAGE", false));
        b.comments.put(publicSchema, "standard public schema");
        return b.build();
    }
}
