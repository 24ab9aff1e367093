package dev.confiture.report.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.model.schema.SchemaModel;
import org.junit.jupiter.api.Test;

class ErLayoutTest {

    static SchemaModel model(String sql) {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("schema.sql", sql)));
    }

    @Test
    void tablesGetDisjointBoxesInsideTheirSchemaFrameAndForeignKeysBecomeEdges() {
        ErDiagram d = ErLayout.layout(model("""
                CREATE SCHEMA billing;
                CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
                CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
                CREATE TABLE billing.invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES public.orders (id));
                """));
        assertThat(d.tables()).extracting(ErDiagram.TableBox::qualifiedName)
                .containsExactly("billing.invoices", "public.orders", "public.users");
        assertThat(d.schemas()).extracting(ErDiagram.SchemaFrame::name).containsExactlyInAnyOrder("billing", "public");
        for (ErDiagram.TableBox a : d.tables()) {
            ErDiagram.SchemaFrame frame = d.schemas().stream().filter(f -> f.name().equals(a.schema())).findFirst().orElseThrow();
            assertThat(a.x()).isGreaterThanOrEqualTo(frame.x());
            assertThat(a.y()).isGreaterThanOrEqualTo(frame.y());
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(frame.x() + frame.width() + 0.01);
            assertThat(a.y() + a.height()).isLessThanOrEqualTo(frame.y() + frame.height() + 0.01);
            for (ErDiagram.TableBox b : d.tables()) {
                if (a != b) {
                    boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x()
                            || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                    assertThat(apart).as(a.name() + " and " + b.name() + " do not overlap").isTrue();
                }
            }
        }
        assertThat(d.edges()).extracting(e -> d.tables().get(e.from()).name() + "->" + d.tables().get(e.to()).name())
                .containsExactlyInAnyOrder("orders->users", "invoices->orders");
        assertThat(d.edges()).allSatisfy(e -> assertThat(e.points()).hasSizeGreaterThanOrEqualTo(4));
        ErDiagram.TableBox users = d.tables().get(2);
        assertThat(users.columns()).extracting(ErDiagram.ColumnLine::name).containsExactly("id", "email");
        assertThat(users.columns().get(0).primaryKey()).isTrue();
        assertThat(d.tables().get(1).columns().get(1).foreignKey()).isTrue();
        assertThat(d.width()).isPositive();
    }

    @Test
    void anEmptyModelHasAnEmptyDiagram() {
        assertThat(ErLayout.layout(SchemaModel.empty()).tables()).isEmpty();
    }
}
