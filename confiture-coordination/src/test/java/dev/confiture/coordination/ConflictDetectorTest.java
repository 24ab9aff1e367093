package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.confiture.coordination.ChangedObject.Action;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.ObjectRef.Kind;
import dev.confiture.model.schema.QualifiedName;
import org.junit.jupiter.api.Test;

class ConflictDetectorTest {

    private static final QualifiedName USERS = QualifiedName.of("public", "users");

    private static ChangedObject table(QualifiedName t) {
        return ChangedObject.of(ObjectRef.table(t), Action.DECLARED, 0);
    }

    private static ChangedObject column(String name, Action action) {
        return ChangedObject.of(ObjectRef.column(USERS, name), action, 1);
    }

    private static ActiveIntentObjects alice(ChangedObject... objects) {
        return new ActiveIntentObjects("int_aaaaaaaaaaaa", "alice", "user_profiles", "feature/user_profiles_001", List.of(objects));
    }

    @Test
    void sharedTableIsOneWarning() {
        List<Conflict> c = ConflictDetector.detect(List.of(table(USERS)), List.of(alice(table(USERS), column("bio", Action.CREATE))));
        assertThat(c).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo("warning");
            assertThat(x.type()).isEqualTo("table");
            assertThat(x.objects()).containsExactly("public.users");
            assertThat(x.suggestion()).isEqualTo("Coordinate with alice (int_aaaaaaaaaaaa) on public.users: both change this"
                    + " table; agree on the order and rebase onto feature/user_profiles_001 after it completes, or work on"
                    + " different tables");
        });
    }

    @Test
    void sharedColumnsAreOneErrorPerKindAndHideTheTableWarning() {
        List<Conflict> c = ConflictDetector.detect(
                List.of(column("bio", Action.CREATE), column("avatar", Action.ALTER)),
                List.of(alice(column("bio", Action.CREATE), column("avatar", Action.CREATE))));
        assertThat(c).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo("error");
            assertThat(x.type()).isEqualTo("column");
            assertThat(x.objects()).containsExactly("public.users.bio", "public.users.avatar");
            assertThat(x.suggestion()).contains("both change these columns").contains("agree which change wins");
        });
    }

    @Test
    void functionAndTypeWithoutTableAndSchemasAreNot() {
        ChangedObject fn = ChangedObject.of(new ObjectRef(Kind.FUNCTION, "app.f(integer)"), Action.CREATE, 1);
        ChangedObject schema = ChangedObject.of(new ObjectRef(Kind.SCHEMA, "app"), Action.CREATE, 1);
        ChangedObject ext = ChangedObject.of(new ObjectRef(Kind.EXTENSION, "pgcrypto"), Action.CREATE, 1);
        List<Conflict> c = ConflictDetector.detect(List.of(fn, schema, ext), List.of(alice(fn, schema, ext)));
        assertThat(c).singleElement().satisfies(x -> {
            assertThat(x.type()).isEqualTo("function");
            assertThat(x.suggestion()).contains("both create this function").contains("or pick another name");
        });
    }

    @Test
    void oneConflictListPerOtherIntentInOrder() {
        ActiveIntentObjects bob = new ActiveIntentObjects("int_bbbbbbbbbbbb", "bob", "b", "feature/b_001", List.of(table(USERS)));
        List<Conflict> c = ConflictDetector.detect(List.of(table(USERS)), List.of(alice(table(USERS)), bob));
        assertThat(c).extracting(Conflict::agentId).containsExactly("alice", "bob");
        assertThat(ConflictDetector.detect(List.of(table(QualifiedName.of("public", "orders"))), List.of(alice(table(USERS)))))
                .isEmpty();
    }

    @Test
    void owningTablesFromIdentities() {
        assertThat(ObjectIdentities.owningTable(ObjectRef.column(QualifiedName.of("My S", "T.x"), "c"))).isEqualTo("\"My S\".\"T.x\"");
        assertThat(ObjectIdentities.owningTable(new ObjectRef(Kind.FUNCTION, "app.f(a.b)"))).isNull();
        assertThat(ObjectIdentities.owningTable(new ObjectRef(Kind.CONSTRAINT, "public.users.users_pkey"))).isEqualTo("public.users");
        assertThat(ObjectIdentities.owningTable(new ObjectRef(Kind.INDEX, "public.users_idx"))).isNull();
    }
}
