package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import dev.confiture.runner.migration.MigrationDiscovery;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.GenerateReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationGeneratorTest {

    @TempDir
    Path dir;

    private List<ResolvedMigration> existing(String... files) throws Exception {
        Path folder = Files.createTempDirectory(dir, "m");
        for (String f : files) {
            Files.writeString(folder.resolve(f), "SELECT 1;");
        }
        return MigrationDiscovery.discover(folder, null, null);
    }

    @Test
    void firstMigrationIs001AndThePairIsWritten() throws Exception {
        GenerateReport r = MigrationGenerator.generate(dir.resolve("db/migrations"), "create_users_table");
        assertThat(r.version()).isEqualTo("001");
        assertThat(Path.of(r.upFile())).exists().hasFileName("001_create_users_table.up.sql");
        assertThat(Path.of(r.downFile())).exists().hasFileName("001_create_users_table.down.sql");
        // what it wrote is itself a valid, discoverable, reversible migration
        assertThat(MigrationDiscovery.discover(dir.resolve("db/migrations"), null, null))
                .singleElement().satisfies(m -> assertThat(m.reversible()).isTrue());
    }

    @Test
    void nextKeepsTheZeroPaddedWidthAndComparesNumerically() throws Exception {
        assertThat(MigrationGenerator.nextVersion(existing("001_a.up.sql", "009_b.up.sql", "2_c.up.sql"))).isEqualTo("010");
    }

    @Test
    void widthGrowsWhenNeeded() throws Exception {
        assertThat(MigrationGenerator.nextVersion(existing("099_a.up.sql"))).isEqualTo("100");
        assertThat(MigrationGenerator.nextVersion(existing("7_a.up.sql"))).isEqualTo("8");
    }

    @Test
    void timestampsMoveToNowWhenLater() throws Exception {
        List<ResolvedMigration> stamps = existing("20261128143015_a.up.sql");
        assertThat(MigrationGenerator.nextVersion(stamps, LocalDateTime.of(2027, 1, 2, 3, 4, 5))).isEqualTo("20270102030405");
        assertThat(MigrationGenerator.nextVersion(stamps, LocalDateTime.of(2020, 1, 1, 0, 0))).isEqualTo("20261128143016");
    }

    @Test
    void aNameIsRequiredAndValidated() {
        assertThatThrownBy(() -> MigrationGenerator.generate(dir, null)).hasMessageContaining("-Dconfiture.name=");
        assertThatThrownBy(() -> MigrationGenerator.generate(dir, "Add User-Phone"))
                .hasMessageContaining("'Add User-Phone' is not a usable migration name")
                .hasMessageContaining("e.g. add_user_phone");
        assertThatThrownBy(() -> MigrationGenerator.generate(dir, "../evil")).hasMessageContaining("not a usable migration name");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void severalPairsGetConsecutiveVersionsEvenWithTimestampsInTheSameSecond() throws Exception {
        List<ResolvedMigration> stamps = existing("20261128143015_a.up.sql");
        Path out = dir.resolve("stamps");
        List<GenerateReport> written = MigrationGenerator.generate(out, stamps, List.of(
                new MigrationGenerator.Pair("add_x", "SELECT 1;\n", "SELECT 2;\n"),
                new MigrationGenerator.Pair("add_x_validate", "SELECT 3;\n", "SELECT 4;\n")),
                LocalDateTime.of(2027, 1, 2, 3, 4, 5));
        assertThat(written).extracting(GenerateReport::version).containsExactly("20270102030405", "20270102030406");
        assertThat(out.resolve("20270102030406_add_x_validate.up.sql")).hasContent("SELECT 3;");
        assertThat(out.resolve("20270102030406_add_x_validate.down.sql")).hasContent("SELECT 4;");
    }

    @Test
    void severalPairsWriteNothingWhenOneFileExistsOrOneNameIsBad() throws Exception {
        Path out = dir.resolve("db/migrations");
        Files.createDirectories(out);
        Files.writeString(out.resolve("002_b.down.sql"), "SELECT 1;");
        List<MigrationGenerator.Pair> pairs = List.of(new MigrationGenerator.Pair("a", "", ""),
                new MigrationGenerator.Pair("b", "", ""));
        assertThatThrownBy(() -> MigrationGenerator.generate(out, List.of(), pairs))
                .hasMessageContaining("002_b.down.sql exists already; nothing was written");
        assertThatThrownBy(() -> MigrationGenerator.generate(out, List.of(), List.of(new MigrationGenerator.Pair("a", "", ""),
                new MigrationGenerator.Pair("Bad-Name", "", "")))).hasMessageContaining("'Bad-Name' is not a usable migration name");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("002_b.down.sql");
        }
    }
}
