package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;

/**
 * A relation's owner holds every privilege on it (acldefault), which the catalog reader does not list
 * as grants: a GRANT to the owner adds nothing, a REVOKE from it is not in the model, and an OWNER TO
 * folds the new owner's grants into its own (migra/everything).
 */
class DdlInterpreterOwnerPrivilegesTest {

    private static final ObjectRef PRODUCTS = ObjectRef.table(QualifiedName.of("public", "products"));

    private static SchemaModel run(String role, String sql) {
        return new DdlInterpreter(role).interpret(SchemaModel.empty(), List.of(new SqlSource("s.sql", sql)));
    }

    @Test
    void grantsToTheRoleThatRunsTheFilesAreItsOwnPrivilegesOnWhatItCreates() {
        String sql = """
                CREATE TABLE products (id int);
                GRANT SELECT, INSERT ON TABLE products TO postgres;
                GRANT SELECT ON TABLE products TO reader;
                REVOKE UPDATE ON TABLE products FROM postgres;
                """;
        assertThat(run("postgres", sql).grants()).containsExactly(new Grant(PRODUCTS, "reader", "SELECT", false));
        // the role unknown: the grant is kept as written, as before
        assertThat(run(null, sql).grants()).contains(new Grant(PRODUCTS, "postgres", "SELECT", false));
    }

    @Test
    void anExplicitOwnerIsTheOwnerWhateverRoleRunsTheFiles() {
        SchemaModel m = run("postgres", """
                CREATE TABLE products (id int);
                ALTER TABLE products OWNER TO app;
                GRANT ALL ON TABLE products TO app;
                GRANT SELECT ON TABLE products TO postgres;
                """);
        assertThat(m.grants()).containsExactly(new Grant(PRODUCTS, "postgres", "SELECT", false));
    }

    @Test
    void ownerToFoldsTheNewOwnersGrantsIntoItsOwn() {
        SchemaModel m = run(null, """
                CREATE TABLE products (id int);
                CREATE VIEW products_v AS SELECT id FROM products;
                CREATE SEQUENCE products_seq;
                GRANT SELECT ON TABLE products, products_v TO app WITH GRANT OPTION;
                GRANT USAGE ON SEQUENCE products_seq TO app;
                GRANT SELECT (id) ON TABLE products TO app;
                ALTER TABLE products OWNER TO app;
                ALTER VIEW products_v OWNER TO app;
                ALTER SEQUENCE products_seq OWNER TO app;
                """);
        // a column privilege is not part of the owner's default: PostgreSQL keeps it, and so does the model
        assertThat(m.grants()).containsExactly(new Grant(ObjectRef.column(QualifiedName.of("public", "products"), "id"),
                "app", "SELECT", false));
    }
}
