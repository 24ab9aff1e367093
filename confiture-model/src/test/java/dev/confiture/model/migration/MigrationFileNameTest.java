package dev.confiture.model.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.migration.MigrationFileName.Direction;
import dev.confiture.model.migration.MigrationFileName.Versioned;
import org.junit.jupiter.api.Test;

class MigrationFileNameTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2027, 1, 2, 3, 4, 5);

    private static List<MigrationVersion> versions(String... texts) {
        return java.util.Arrays.stream(texts).map(MigrationVersion::parse).toList();
    }

    @Test
    void aVersionedNameIsReadAndWrittenBack() {
        Versioned v = (Versioned) MigrationFileName.parse("007_Add-Bio.down.sql").orElseThrow();
        assertThat(v.version().text()).isEqualTo("007");
        assertThat(v.name()).isEqualTo("Add-Bio");
        assertThat(v.direction()).isEqualTo(Direction.DOWN);
        assertThat(v.up().fileName()).isEqualTo("007_Add-Bio.up.sql");
        assertThat(v.fileName()).isEqualTo("007_Add-Bio.down.sql");
    }

    @Test
    void otherNamesAreNotMigrations() {
        for (String name : List.of("notes.sql", "001_x.sql", "add_phone.up.sql", "003_add phone.up.sql",
                "001-foo.up.sql", "001_.up.sql", "001_x.up.sql.bak")) {
            assertThat(MigrationFileName.parse(name)).as(name).isEmpty();
        }
        assertThatThrownBy(() -> MigrationFileName.require(Path.of("db/migrations/notes.sql"), "db/migrations"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("MIGRATION_BAD_FILE_NAME");
                    assertThat(e.getMessage()).contains("'notes.sql'", MigrationFileName.EXPECTED, "db/migrations");
                });
    }

    @Test
    void aRepeatableNameIsReadAndKeyedApartFromVersions() {
        MigrationFileName.Repeatable r = (MigrationFileName.Repeatable) MigrationFileName.parse("R__active_users.sql").orElseThrow();
        assertThat(r.name()).isEqualTo("active_users");
        assertThat(r.key()).isEqualTo("R__active_users");
        assertThat(r.fileName()).isEqualTo("R__active_users.sql");
        assertThat(MigrationFileName.Repeatable.isKey("R__active_users")).isTrue();
        assertThat(MigrationFileName.Repeatable.isKey("001")).isFalse();
        for (String name : List.of("R_x.sql", "r__x.sql", "R__.sql", "R__x.up.sql", "R__a b.sql", "R__x.sql.bak")) {
            assertThat(MigrationFileName.parse(name)).as(name).isEmpty();
        }
    }

    @Test
    void pairsListRepeatablesApartInNameOrderAndRefuseTwoOfOneName() {
        MigrationPairs.Listing<Path> listing = MigrationPairs.list(List.of(Path.of("m/R__views.sql"),
                Path.of("m/001_a.up.sql"), Path.of("m/R__grants.sql"), Path.of("m/001_a.down.sql")), p -> p, "m");
        assertThat(listing.pairs()).extracting(p -> p.name().key()).containsExactly("001_a");
        assertThat(listing.repeatables()).extracting(r -> r.name().name()).containsExactly("grants", "views");
        assertThat(MigrationPairs.of(List.of(Path.of("m/R__views.sql"), Path.of("m/001_a.up.sql")), p -> p, "m"))
                .hasSize(1);
        assertThatThrownBy(() -> MigrationPairs.list(List.of(Path.of("m/R__views.sql"), Path.of("m/sub/R__views.sql")),
                p -> p, "m")).isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("MIGRATION_DUPLICATE_REPEATABLE");
                    assertThat(e.getMessage()).contains("m/R__views.sql", "m/sub/R__views.sql");
                });
    }

    @Test
    void nextVersionKeepsTheWidthAndFollowsTimestamps() {
        assertThat(MigrationFileName.nextVersion(versions(), NOW).text()).isEqualTo("001");
        assertThat(MigrationFileName.nextVersion(versions("001", "009", "2"), NOW).text()).isEqualTo("010");
        assertThat(MigrationFileName.nextVersion(versions("0009", "0010"), NOW).text()).isEqualTo("0011");
        assertThat(MigrationFileName.nextVersion(versions("099"), NOW).text()).isEqualTo("100");
        assertThat(MigrationFileName.nextVersion(versions("20261128143015"), NOW).text()).isEqualTo("20270102030405");
        assertThat(MigrationFileName.nextVersion(versions("20271128143015"), NOW).text()).isEqualTo("20271128143016");
    }

    @Test
    void newNamesAreLowerCaseWithASuggestion() {
        assertThat(MigrationFileName.next(versions("001"), " add_bio ", NOW).fileName()).isEqualTo("002_add_bio.up.sql");
        assertThatThrownBy(() -> MigrationFileName.validateNewName("AddUser-Phone"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("GENERATE_BAD_NAME");
                    assertThat(e.getMessage()).contains("e.g. add_user_phone");
                });
        assertThatThrownBy(() -> MigrationFileName.validateNewName(" ")).isInstanceOfSatisfying(ConfitureException.class,
                e -> assertThat(e.code()).isEqualTo("GENERATE_NAME_REQUIRED"));
    }

    @Test
    void pairsJoinUpAndDownAndRefuseWhatMigrateRefuses() {
        List<MigrationPairs.Pair<Path>> pairs = MigrationPairs.of(List.of(Path.of("m/002_b.up.sql"),
                Path.of("m/001_a.down.sql"), Path.of("m/001_a.up.sql")), p -> p, "m");
        assertThat(pairs).extracting(p -> p.name().fileName()).containsExactly("002_b.up.sql", "001_a.up.sql");
        assertThat(pairs.get(1).down()).isEqualTo(Path.of("m/001_a.down.sql"));
        assertThat(pairs.get(0).down()).isNull();
        assertThatThrownBy(() -> MigrationPairs.of(List.of(Path.of("m/002_b.down.sql")), p -> p, "m"))
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.code()).isEqualTo("MIGRATION_DOWN_WITHOUT_UP"));
        assertThatThrownBy(() -> MigrationPairs.of(List.of(Path.of("m/001_a.up.sql"), Path.of("m/x/001_a.up.sql")),
                p -> p, "m")).isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.code()).isEqualTo("MIGRATION_DUPLICATE_VERSION"));
    }

    @Test
    void namesAreReadExactlyAsThePatternsSay() {
        // parse reads names by hand; the patterns are the documented rule it must agree with
        String alphabet = "0019_-.RaZz upsqldown\u00e9\u0660";
        java.util.Random random = new java.util.Random(3);
        List<String> names = new java.util.ArrayList<>(List.of("1_a.up.sql", "001_a-b_c.down.sql", "1_.up.sql", "_a.up.sql",
                "1_a.up.sql.up.sql", "1_a.UP.sql", "1__a.up.sql", "1_-a.up.sql", "1_a.up.sqlx", "1_a.sql", "R__a.sql",
                "R__.sql", "R___a.sql", "R__a-b.sql", "R__a.up.sql", "R__a.sqlx", "r__a.sql", "R_a.sql", "12_R__a.up.sql",
                "\u0661_a.up.sql", "1_a\u00e9.up.sql", "20261128143015_add.up.sql", "1_a.down.sq", ""));
        String[] shapes = {"%s_%s.up.sql", "%s_%s.down.sql", "R__%s%s.sql", "%s%s"};
        for (int i = 0; i < 4000; i++) {
            names.add(String.format(shapes[i % shapes.length], word(random, alphabet), word(random, alphabet)));
        }
        for (String name : names) {
            java.util.Optional<MigrationFileName> parsed = MigrationFileName.parse(name);
            java.util.regex.Matcher versioned = MigrationFileName.VERSIONED.matcher(name);
            java.util.regex.Matcher repeatable = MigrationFileName.REPEATABLE.matcher(name);
            if (repeatable.matches()) {
                assertThat(parsed).as(name).contains(new MigrationFileName.Repeatable(repeatable.group(1)));
            } else if (versioned.matches()) {
                assertThat(parsed).as(name).contains(new Versioned(MigrationVersion.parse(versioned.group(1)), versioned.group(2),
                        versioned.group(3).equals("up") ? MigrationFileName.Direction.UP : MigrationFileName.Direction.DOWN));
            } else {
                assertThat(parsed).as(name).isEmpty();
            }
        }
        assertThat(names.stream().filter(n -> MigrationFileName.parse(n).isPresent()).count()).isGreaterThan(300);
    }

    private static String word(java.util.Random random, String alphabet) {
        StringBuilder word = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }
}
