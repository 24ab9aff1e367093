package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.SchemaModel;

/**
 * The index a table is clustered on (pg_index.indisclustered), as the catalog reader keeps it: one
 * CLUSTER mark per relation whose SQL is {@code ALTER TABLE t CLUSTER ON i}; set by ALTER TABLE ...
 * CLUSTER ON and by CLUSTER t USING i, carried by renames, removed by SET WITHOUT CLUSTER and drops.
 */
class DdlInterpreterClusterTest {

    private static final String BASE = """
            CREATE SCHEMA app;
            CREATE TABLE app.items (id int CONSTRAINT items_pk PRIMARY KEY, name text);
            CREATE INDEX items_name ON app.items (name);
            """;

    private static SchemaModel run(String sql) {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("s.sql", BASE + sql)));
    }

    private static Map<String, String> marks(SchemaModel m) {
        return m.others().values().stream().filter(o -> o.ref().kind() == ObjectRef.Kind.CLUSTER)
                .collect(Collectors.toMap(o -> o.ref().identity(), OtherObject::createSql));
    }

    @Test
    void alterTableClusterOnMarksTheTableAsTheCatalogReaderWritesIt() {
        SchemaModel m = run("ALTER TABLE app.items CLUSTER ON items_name;");
        assertThat(marks(m)).containsExactly(Map.entry("app.items", "ALTER TABLE app.items CLUSTER ON items_name"));
        OtherObject o = m.others().get(new ObjectRef(ObjectRef.Kind.CLUSTER, "app.items"));
        assertThat(o.dropSql()).isEqualTo("ALTER TABLE app.items SET WITHOUT CLUSTER");
        assertThat(o.dependsOn()).contains(new ObjectRef(ObjectRef.Kind.INDEX, "app.items_name"));
    }

    @Test
    void clusterUsingMarksTheTableAndAPlainClusterDoesNot() {
        SchemaModel m = run("SET search_path = app; CLUSTER items USING \"items_pk\"; CLUSTER items; CLUSTER;");
        assertThat(marks(m)).containsExactly(Map.entry("app.items", "ALTER TABLE app.items CLUSTER ON items_pk"));
        assertThat(marks(run("CLUSTER VERBOSE app.items USING items_name;"))).containsOnlyKeys("app.items");
        assertThat(marks(run("CLUSTER app.items;"))).isEmpty();
    }

    @Test
    void aLaterClusterOnReplacesTheMarkAndSetWithoutClusterRemovesIt() {
        assertThat(marks(run("ALTER TABLE app.items CLUSTER ON items_pk; CLUSTER app.items USING items_name;")))
                .containsExactly(Map.entry("app.items", "ALTER TABLE app.items CLUSTER ON items_name"));
        assertThat(marks(run("ALTER TABLE app.items CLUSTER ON items_pk; ALTER TABLE app.items SET WITHOUT CLUSTER;")))
                .isEmpty();
    }

    @Test
    void renamesOfTheTableTheIndexOrTheKeyCarryTheMark() {
        assertThat(marks(run("ALTER TABLE app.items CLUSTER ON items_name; ALTER TABLE app.items RENAME TO goods;")))
                .containsExactly(Map.entry("app.goods", "ALTER TABLE app.goods CLUSTER ON items_name"));
        assertThat(marks(run("ALTER TABLE app.items CLUSTER ON items_name; ALTER INDEX app.items_name RENAME TO by_name;")))
                .containsExactly(Map.entry("app.items", "ALTER TABLE app.items CLUSTER ON by_name"));
        assertThat(marks(run("ALTER TABLE app.items CLUSTER ON items_pk;"
                + " ALTER TABLE app.items RENAME CONSTRAINT items_pk TO items_key;")))
                .containsExactly(Map.entry("app.items", "ALTER TABLE app.items CLUSTER ON items_key"));
        assertThat(marks(run("ALTER TABLE app.items CLUSTER ON items_pk; ALTER TABLE app.items SET SCHEMA public;")))
                .containsExactly(Map.entry("public.items", "ALTER TABLE public.items CLUSTER ON items_pk"));
    }

    @Test
    void droppingTheIndexTheKeyOrTheTableRemovesTheMark() {
        assertThat(marks(run("ALTER TABLE app.items CLUSTER ON items_name; DROP INDEX app.items_name;"))).isEmpty();
        assertThat(marks(run("ALTER TABLE app.items CLUSTER ON items_pk; ALTER TABLE app.items DROP CONSTRAINT items_pk;")))
                .isEmpty();
        assertThat(marks(run("ALTER TABLE app.items CLUSTER ON items_pk; DROP TABLE app.items;"))).isEmpty();
    }

    @Test
    void materializedViewsAreClusteredToo() {
        SchemaModel m = run("CREATE MATERIALIZED VIEW app.mv AS SELECT id FROM app.items; CREATE INDEX mv_id ON app.mv (id);"
                + " ALTER MATERIALIZED VIEW app.mv CLUSTER ON mv_id;");
        assertThat(marks(m)).containsExactly(Map.entry("app.mv", "ALTER TABLE app.mv CLUSTER ON mv_id"));
        assertThat(marks(run("CREATE MATERIALIZED VIEW app.mv AS SELECT id FROM app.items;"
                + " CREATE INDEX mv_id ON app.mv (id); CLUSTER app.mv USING mv_id; DROP MATERIALIZED VIEW app.mv;")))
                .isEmpty();
    }

    @Test
    void clusteringOnAnIndexThatDoesNotExistIsRefusedWithTheLine() {
        assertThatThrownBy(() -> run("ALTER TABLE app.items CLUSTER ON nope;"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("index nope for table app.items does not exist");
        assertThatThrownBy(() -> run("\nCLUSTER app.items USING nope;"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(((ConfitureException) e).line()).isEqualTo(5));
    }
}
