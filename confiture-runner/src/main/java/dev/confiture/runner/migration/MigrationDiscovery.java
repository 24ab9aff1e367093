package dev.confiture.runner.migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.IncludeScope;

/** All migrations of a project, SQL and Java together, in version order; one version, one migration. */
public final class MigrationDiscovery {

    private MigrationDiscovery() {
    }

    /**
     * @param migrationsDir the folder of SQL migrations (may not exist: no SQL migrations)
     * @param classLoader where Java migrations live, or null for none
     * @param javaPackage the package of Java migrations, or null/blank for none
     */
    public static List<ResolvedMigration> discover(Path migrationsDir, ClassLoader classLoader, String javaPackage) {
        return discover(migrationsDir, null, classLoader, javaPackage);
    }

    /**
     * @param migrationsDir the folder of SQL migrations (may not exist: no SQL migrations)
     * @param scope where its files may come from (the environment's {@link IncludeScope}); null keeps
     *              them inside the migrations folder itself
     * @param classLoader where Java migrations live, or null for none
     * @param javaPackage the package of Java migrations, or null/blank for none
     */
    public static List<ResolvedMigration> discover(Path migrationsDir, IncludeScope scope, ClassLoader classLoader,
                                                   String javaPackage) {
        return discover(List.of(MigrationLocation.folder(migrationsDir)), scope, classLoader, javaPackage);
    }

    /**
     * All migrations of several locations (folders and {@code classpath:} ones) and Java classes, in one
     * version order; a version found in two places is an error naming both.
     */
    public static List<ResolvedMigration> discover(List<MigrationLocation> locations, IncludeScope scope, ClassLoader classLoader,
                                                   String javaPackage) {
        return discover(locations, new LocationFiles(scope), classLoader, javaPackage);
    }

    /** As {@link #discover(List, IncludeScope, ClassLoader, String)}, from a run's listing of its locations. */
    public static List<ResolvedMigration> discover(List<MigrationLocation> locations, LocationFiles listing, ClassLoader classLoader,
                                                   String javaPackage) {
        List<ResolvedMigration> all = new ArrayList<>();
        for (MigrationLocation location : locations) {
            all.addAll(SqlMigrationFiles.discover(location, listing));
        }
        all.addAll(JavaMigrations.discover(classLoader, javaPackage));
        all.sort(Comparator.comparing(ResolvedMigration::version));
        Map<java.math.BigInteger, ResolvedMigration> byNumber = new HashMap<>();
        for (ResolvedMigration m : all) {
            ResolvedMigration previous = byNumber.putIfAbsent(m.version().number(), m);
            if (previous != null) {
                throw new ConfitureException("MIGRATION_DUPLICATE_VERSION", "Version " + m.version().text()
                        + " is used twice: " + previous.source() + " and " + m.source()
                        + ". Each migration needs its own version; renumber one of them.",
                        m.upFile() != null ? m.upFile() : previous.upFile(), 0);
            }
        }
        return List.copyOf(all);
    }
}
