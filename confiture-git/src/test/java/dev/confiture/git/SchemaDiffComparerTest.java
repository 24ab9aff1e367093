package dev.confiture.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.model.schema.Table;
import org.junit.jupiter.api.Test;

class SchemaDiffComparerTest {

    private static final QualifiedName USERS = QualifiedName.of("public", "users");
    private final SchemaDiffComparer comparer = new SchemaDiffComparer();

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
        assertThat(comparer.compare(a, a)).isEmpty();
        assertThat(comparer.compare(a, b)).isEmpty();
    }

    @Test
    void aColumnThatDiffersIsNamedWithBothSidesAndTheDiffsWords() {
        SchemaModel a = with(Table.of(USERS, List.of(col("id", "bigint"))));
        SchemaModel b = with(Table.of(USERS, List.of(col("id", "bigint"), col("phone", "text").withNotNull(true))));
        SchemaModel c = with(Table.of(USERS, List.of(col("id", "bigint"), col("phone", "character varying(20)"))));
        assertThat(comparer.compare(a, b)).singleElement().satisfies(d -> {
            assertThat(d.object()).isEqualTo(ObjectRef.column(USERS, "phone"));
            assertThat(d.left()).isEqualTo(ObjectDifference.ABSENT);
            assertThat(d.right()).isEqualTo("phone text NOT NULL");
            assertThat(d.change()).containsIgnoringCase("phone");
        });
        assertThat(comparer.compare(b, c)).extracting(ObjectDifference::object)
                .containsOnly(ObjectRef.column(USERS, "phone"));
        assertThat(comparer.compare(b, c).get(0).right()).isEqualTo("phone character varying(20)");
    }

    @Test
    void aMissingTableIsOneDifferenceNotOnePerColumn() {
        SchemaModel b = with(Table.of(USERS, List.of(col("id", "bigint"), col("email", "text"))));
        assertThat(comparer.compare(SchemaModel.empty(), b)).singleElement().satisfies(d -> {
            assertThat(d.object()).isEqualTo(ObjectRef.table(USERS));
            assertThat(d.left()).isEqualTo(ObjectDifference.ABSENT);
            assertThat(d.right()).isEqualTo("table (id bigint, email text)");
        });
        assertThat(comparer.compare(b, SchemaModel.empty())).singleElement()
                .satisfies(d -> assertThat(d.right()).isEqualTo(ObjectDifference.ABSENT));
    }
}
