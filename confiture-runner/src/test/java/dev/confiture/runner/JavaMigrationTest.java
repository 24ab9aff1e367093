package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.migration.MigrationDiscovery;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.MigrationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaMigrationTest {

    @TempDir
    Path dir;

    RunnerFixture f;

    @BeforeEach
    void setUp() {
        f = new RunnerFixture(dir.resolve("migrations"));
        f.write("001_create_users.up.sql", "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);");
        f.write("001_create_users.down.sql", "DROP TABLE users;");
        f.write("004_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;");
        f.write("004_add_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private MigrationRunner runner(String pkg) {
        return f.runner(f.config().withJavaMigrations(getClass().getClassLoader(), pkg));
    }

    @Test
    void sqlAndJavaMigrationsRunInVersionOrder() {
        var report = runner("dev.confiture.runner.testmigrations.ok").migrate(null, false);

        assertThat(report.migrations()).extracting(o -> o.displayName() + ":" + o.kind())
                .containsExactly("001_create_users:sql", "003_seed_admin_users:java", "004_add_bio:sql", "005_audit_table:java");
        assertThat(f.query("SELECT email FROM users ORDER BY email")).containsExactly("ops@example.org", "root@example.org");
        assertThat(f.query("SELECT version || ':' || kind FROM confiture_migrations ORDER BY version"))
                .containsExactly("001:sql", "003:java", "004:sql", "005:java");
        assertThat(f.log).anyMatch(l -> l.matches("Applying 003_seed_admin_users \\.\\.\\. ok \\(\\d+ ms\\)"));
    }

    @Test
    void aJavaMigrationRollsBackThroughItsDownAndAnIrreversibleOneIsRefused() {
        MigrationRunner runner = runner("dev.confiture.runner.testmigrations.ok");
        runner.migrate(null, false);

        assertThatThrownBy(() -> runner.rollback(1, null, false))
                .hasMessageContaining("005_audit_table is irreversible")
                .hasMessageContaining("NamedByMethods does not implement down()");
        assertThat(f.tableExists("audit")).isTrue();

        // undo the irreversible one by hand, as its author would have to
        f.db.execute("DROP TABLE audit; DELETE FROM confiture_migrations WHERE version = '005'");
        assertThat(runner.rollback(null, "001", false).migrations()).extracting(MigrationOutcome::displayName)
                .containsExactly("004_add_bio", "003_seed_admin_users");
        assertThat(f.appliedVersions()).containsExactly("001");
        assertThat(f.query("SELECT count(*) FROM users")).containsExactly("0");
    }

    @Test
    void aDuplicateVersionAcrossSqlAndJavaNamesBoth() {
        f.write("002_two.up.sql", "SELECT 2;");
        assertThatThrownBy(() -> runner("dev.confiture.runner.testmigrations.dup").migrate(null, false))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("002_two.up.sql")
                .hasMessageContaining("dev.confiture.runner.testmigrations.dup.V002__AlsoTwo");
    }

    @Test
    void aFailingJavaMigrationLeavesNothingOfItself() {
        assertThatThrownBy(() -> runner("dev.confiture.runner.testmigrations.failing").migrate(null, false))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("Java migration 002_half_way failed in dev.confiture.runner.testmigrations.failing.V002__HalfWay.up")
                .hasMessageContaining("invalid input syntax for type integer")
                .hasMessageContaining("Statement: INSERT INTO java_half VALUES ('not a number')")
                .hasMessageContaining("Nothing of 002_half_way was applied");
        assertThat(f.tableExists("java_half")).isFalse();
        assertThat(f.appliedVersions()).containsExactly("001");
    }

    @Test
    void aChangedJavaMigrationClassIsDetectedByItsBytes() throws Exception {
        Path v1 = compileToJar("V007__Counter", "ctx.execute(\"CREATE TABLE counter (n int)\");", dir.resolve("v1"));
        Path v2 = compileToJar("V007__Counter", "ctx.execute(\"CREATE TABLE counter (n bigint)\");", dir.resolve("v2"));
        try (URLClassLoader first = new URLClassLoader(new URL[] {v1.toUri().toURL()}, getClass().getClassLoader())) {
            List<ResolvedMigration> found = MigrationDiscovery.discover(f.dir, first, "com.example.migrations");
            assertThat(found).extracting(ResolvedMigration::displayName).contains("007_counter");
            f.runner(f.config().withJavaMigrations(first, "com.example.migrations")).migrate(null, false);
        }
        assertThat(f.tableExists("counter")).isTrue();
        try (URLClassLoader second = new URLClassLoader(new URL[] {v2.toUri().toURL()}, getClass().getClassLoader())) {
            var status = f.runner(f.config().withJavaMigrations(second, "com.example.migrations")).status();
            assertThat(status.migrations()).extracting(e -> e.version() + ":" + e.status())
                    .contains("007:modified");
            assertThatThrownBy(() -> f.runner(f.config().withJavaMigrations(second, "com.example.migrations")).migrate(null, false))
                    .hasMessageContaining("com.example.migrations.V007__Counter")
                    .hasMessageContaining("changed after it was applied");
        }
    }

    @Test
    void aMigrationClassWithABadNameIsRefused() throws Exception {
        Path jar = compileToJar("AddThings", "ctx.execute(\"SELECT 1\");", dir.resolve("bad"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> MigrationDiscovery.discover(f.dir, loader, "com.example.migrations"))
                    .hasMessageContaining("com.example.migrations.AddThings must be named V<version>__<Name>");
        }
    }

    @Test
    void aMigrationStillImportingTheRunnersOldApiPackageIsRefusedNamingTheNewOne() throws Exception {
        // Compiled against the interfaces' former home in confiture-runner, which the run time no longer has.
        Path jar = compileToJar("V008__OldImport", "", dir.resolve("old"), "dev.confiture.runner.api", List.of(
                "package dev.confiture.runner.api;\n"
                        + "public interface Migration { void up(MigrationContext ctx) throws Exception; }\n",
                "package dev.confiture.runner.api;\n"
                        + "public interface MigrationContext { void execute(String sql); }\n"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> f.runner(f.config().withJavaMigrations(loader, "com.example.migrations")).migrate(null, false))
                    .isInstanceOf(ConfitureException.class)
                    .hasMessageContaining("Could not load com.example.migrations.V008__OldImport")
                    .hasMessageContaining("dev/confiture/runner/api/Migration")
                    .hasMessageContaining("moved to the package dev.confiture.api (artifact dev.confiture:confiture-api, scope provided)");
        }
        assertThat(f.tableExists("confiture_migrations")).isFalse();
        assertThat(f.tableExists("users")).isFalse();
    }

    /** Compiles one Migration class in package com.example.migrations and puts it in a jar. */
    private Path compileToJar(String simpleName, String upBody, Path work) throws Exception {
        return compileToJar(simpleName, upBody, work, "dev.confiture.api", List.of());
    }

    /**
     * Compiles one Migration class in package com.example.migrations, importing the interfaces from
     * {@code apiPackage}, with {@code otherSources} on the compiler's path only: the jar holds the
     * migration class alone.
     */
    private Path compileToJar(String simpleName, String upBody, Path work, String apiPackage, List<String> otherSources)
            throws Exception {
        Path src = work.resolve("src/com/example/migrations/" + simpleName + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package com.example.migrations;\n"
                + "import " + apiPackage + ".*;\n"
                + "public class " + simpleName + " implements Migration {\n"
                + "  public void up(MigrationContext ctx) { " + upBody + " }\n"
                + "}\n");
        List<String> args = new ArrayList<>(List.of("-d", work.resolve("classes").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), src.toString()));
        for (String other : otherSources) {
            String name = other.replaceAll("(?s).*interface (\\w+).*", "$1");
            Path file = work.resolve("src/other/" + name + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, other);
            args.add(file.toString());
        }
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int rc = compiler.run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).isZero();
        Path jar = work.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            String entry = "com/example/migrations/" + simpleName + ".class";
            out.putNextEntry(new JarEntry("com/example/"));
            out.putNextEntry(new JarEntry("com/example/migrations/"));
            out.putNextEntry(new JarEntry(entry));
            try (var in = Files.newInputStream(classes.resolve(entry))) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }
}
