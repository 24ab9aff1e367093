package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.confiture.model.schema.QualifiedName;
import org.junit.jupiter.api.Test;

class TableNamesTest {

    @Test
    void normalisesThePostgresqlWay() {
        assertThat(TableNames.parseList("public.users, Users,users , PUBLIC.USERS"))
                .containsExactly(QualifiedName.of("public", "users"));
        assertThat(TableNames.parseList("\"Users\",users"))
                .containsExactly(QualifiedName.of("public", "Users"), QualifiedName.of("public", "users"));
        assertThat(TableNames.parseList("app.Orders, \"My Schema\".\"a,b.c\", \"we\"\"ird\""))
                .containsExactly(QualifiedName.of("app", "orders"), QualifiedName.of("My Schema", "a,b.c"),
                        QualifiedName.of("public", "we\"ird"));
    }

    @Test
    void blankMeansNone() {
        assertThat(TableNames.parseList(null)).isEmpty();
        assertThat(TableNames.parseList("  ")).isEmpty();
    }

    @Test
    void refusesWhatIsNotATableName() {
        assertThatThrownBy(() -> TableNames.parseList("users; DROP TABLE x"))
                .hasMessageContaining("';' at position 6 is not allowed in an unquoted identifier")
                .hasMessageContaining("quote the name");
        assertThatThrownBy(() -> TableNames.parseList("users,,profiles")).hasMessageContaining("an empty entry");
        assertThatThrownBy(() -> TableNames.parseList("\"users")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> TableNames.parseList("db.app.users")).hasMessageContaining("got 3 parts");
        assertThatThrownBy(() -> TableNames.parseList("1users")).hasMessageContaining("'1' at position 1");
        assertThatThrownBy(() -> TableNames.parseList("a".repeat(64))).hasMessageContaining("63 bytes");
        assertThatThrownBy(() -> TableNames.parseList("\"\"")).hasMessageContaining("empty identifier");
        assertThatThrownBy(() -> TableNames.parseList("users.")).hasMessageContaining("a name is missing");
    }

    @Test
    void quotedNamesMayHoldAnything() {
        List<QualifiedName> names = TableNames.parseList("\"x'); DROP TABLE users; --\"");
        assertThat(names).containsExactly(QualifiedName.of("public", "x'); DROP TABLE users; --"));
    }
}
