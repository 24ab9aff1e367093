package dev.confiture.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.model.schema.Table;
import org.junit.jupiter.api.Test;

/** {@link SchemaDiff#differences}: the one description of a difference, which validate and verify both show. */
class DifferencesTest {

    private static final QualifiedName USERS = QualifiedName.of("public", "users");

    private static Column col(String name, String type) {
        return new Column(name, type, null, false, null, null, null);
    }

    private static SchemaModel with(Table... tables) {
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        for (Table t : tables) {
            b.tables.put(t.name(), t);
        }
        return b.build();
    }

    @Test
    void equalModelsAndColumnOrderMakeNoDifference() {
        SchemaModel a = with(Table.of(USERS, List.of(col("id", "bigint"), col("email", "text"))));
        SchemaModel b = with(Table.of(USERS, List.of(col("email", "text"), col("id", "bigint"))));
        assertThat(SchemaDiff.differences(a, a)).isEmpty();
        assertThat(SchemaDiff.differences(a, b)).isEmpty();
    }

    @Test
    void aColumnThatDiffersIsNamedWithBothSidesAndTheDiffsWords() {
        SchemaModel a = with(Table.of(USERS, List.of(col("id", "bigint"))));
        SchemaModel b = with(Table.of(USERS, List.of(col("id", "bigint"), col("phone", "text").withNotNull(true))));
        SchemaModel c = with(Table.of(USERS, List.of(col("id", "bigint"), col("phone", "character varying(20)"))));
        assertThat(SchemaDiff.differences(a, b)).singleElement().satisfies(d -> {
            assertThat(d.object()).isEqualTo(ObjectRef.column(USERS, "phone"));
            assertThat(d.from()).isEqualTo(Difference.ABSENT);
            assertThat(d.to()).isEqualTo("phone text NOT NULL");
            assertThat(d.change()).containsIgnoringCase("phone");
            assertThat(d.kind()).isEqualTo(Change.Kind.CREATE);
            assertThat(d.describe("the migrations", "the schema files")).isEqualTo("the schema files: phone text"
                    + " NOT NULL; the migrations: absent (to match the schema files: " + d.change() + ")");
        });
        assertThat(SchemaDiff.differences(b, c)).extracting(Difference::object)
                .containsOnly(ObjectRef.column(USERS, "phone"));
        assertThat(SchemaDiff.differences(b, c).get(0).to()).isEqualTo("phone character varying(20)");
    }

    @Test
    void aMissingTableIsOneDifferenceNotOnePerColumn() {
        SchemaModel b = with(Table.of(USERS, List.of(col("id", "bigint"), col("email", "text"))));
        assertThat(SchemaDiff.differences(SchemaModel.empty(), b)).singleElement().satisfies(d -> {
            assertThat(d.object()).isEqualTo(ObjectRef.table(USERS));
            assertThat(d.from()).isEqualTo(Difference.ABSENT);
            assertThat(d.to()).isEqualTo("table (id bigint, email text)");
        });
        assertThat(SchemaDiff.differences(b, SchemaModel.empty())).singleElement()
                .satisfies(d -> assertThat(d.to()).isEqualTo(Difference.ABSENT));
    }
}
