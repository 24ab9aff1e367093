package dev.confiture.runner.diff;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.confiture.model.schema.SchemaModel;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.testing.TestDatabase;

/**
 * What the diff tests that judge a plan on a real database share: the two readers a diff runs on (the DDL
 * interpreter, as offline mode reads files; the catalog reader, as shadow mode reads databases), running a
 * plan's statements, and reading one value back.
 */
final class BothReaders {

    private BothReaders() {
    }

    /** The model offline mode makes of {@code sql}, from an empty model. */
    static SchemaModel interpret(String sql) {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("schema.sql", sql)));
    }

    /** The model shadow mode makes of the database. */
    static SchemaModel read(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return new CatalogReader().read(c);
        }
    }

    /** Runs a plan's statements in order, each on its own (as a migration's statements run). */
    static void run(TestDatabase db, List<String> statements) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** The first column of the first row of {@code query}, as text. */
    static String text(TestDatabase db, String query) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
