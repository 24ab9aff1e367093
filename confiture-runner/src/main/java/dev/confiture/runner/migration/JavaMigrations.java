package dev.confiture.runner.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.confiture.api.Migration;
import dev.confiture.model.migration.MigrationVersion;
import dev.confiture.model.ConfitureException;

/**
 * Finds Java migrations: concrete classes implementing {@link Migration} in a package (and its
 * sub-packages) of a class loader, read from every directory and jar that holds that package.
 * Plain class-file listing, no scanning library: the package is small and known.
 */
public final class JavaMigrations {

    private static final Pattern CLASS_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)");

    private JavaMigrations() {
    }

    public static List<ResolvedMigration> discover(ClassLoader loader, String packageName) {
        List<ResolvedMigration> result = new ArrayList<>();
        for (Class<?> type : concreteClasses(loader, packageName, Migration.class)) {
            result.add(resolve(type.asSubclass(Migration.class)));
        }
        return result;
    }

    /**
     * The concrete top-level classes of {@code packageName} (and its sub-packages) that implement
     * {@code kind}, in class-name order: Java migrations, and Java callbacks ({@link JavaCallbacks}).
     */
    static List<Class<?>> concreteClasses(ClassLoader loader, String packageName, Class<?> kind) {
        if (loader == null || packageName == null || packageName.isBlank()) {
            return List.of();
        }
        String packagePath = packageName.trim().replace('.', '/');
        TreeSet<String> classNames = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(packagePath);
            while (roots.hasMoreElements()) {
                collect(roots.nextElement(), packagePath, classNames);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the Java migrations package " + packageName, e);
        }
        List<Class<?>> result = new ArrayList<>();
        for (String className : classNames) {
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ConfitureException("JAVA_MIGRATION_UNLOADABLE", "Could not load " + className
                        + " from the Java migrations package " + packageName + ": " + e + movedApiHint(e), e);
            }
            if (!kind.isAssignableFrom(type) || type.isInterface()
                    || Modifier.isAbstract(type.getModifiers()) || type.isMemberClass() || type.isAnonymousClass()) {
                continue;
            }
            result.add(type);
        }
        return result;
    }

    /**
     * Classes compiled against earlier 0.1.0 snapshots implement the interfaces at their former home in confiture-runner,
     * which was moved without an alias (docs/migrations.md, "Java migrations"): say where they went.
     */
    private static String movedApiHint(Throwable e) {
        return e instanceof NoClassDefFoundError && String.valueOf(e.getMessage()).startsWith("dev/confiture/runner/api/")
                ? ". Migration and MigrationContext moved to the package dev.confiture.api (artifact"
                        + " dev.confiture:confiture-api, scope provided): change the import and the dependency, then recompile"
                : "";
    }

    public static ResolvedMigration resolve(Class<? extends Migration> type) {
        Migration instance = instantiate(type);
        Matcher m = CLASS_NAME.matcher(type.getSimpleName());
        String version = instance.version();
        String name = instance.name();
        if (version == null || name == null) {
            if (!m.matches()) {
                throw new ConfitureException("JAVA_MIGRATION_BAD_NAME", "Java migration " + type.getName()
                        + " must be named V<version>__<Name> (e.g. V003__BackfillSlugs) or override version() and name()");
            }
            version = version != null ? version : m.group(1);
            name = name != null ? name : snakeCase(m.group(2));
        }
        MigrationVersion parsed;
        try {
            parsed = MigrationVersion.parse(version);
        } catch (ConfitureException e) {
            throw new ConfitureException("JAVA_MIGRATION_BAD_NAME", "Java migration " + type.getName() + ": "
                    + e.getMessage());
        }
        String checksum = Checksums.ofClass(type);
        return new ResolvedMigration(parsed, name, MigrationKind.JAVA, checksum, null, null, type, checksum);
    }

    public static Migration instantiate(Class<? extends Migration> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConfitureException("JAVA_MIGRATION_UNLOADABLE", "Could not create " + type.getName()
                    + ": a Java migration needs a public no-argument constructor (" + e + ")", e);
        }
    }

    /** {@code AddUserBio} -> {@code add_user_bio}; {@code add_user_bio} stays. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean boundary = Character.isUpperCase(c) && i > 0 && name.charAt(i - 1) != '_'
                    && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1))
                    || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
            if (boundary) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static void collect(URL root, String packagePath, TreeSet<String> classNames) throws IOException {
        switch (root.getProtocol()) {
            case "file" -> {
                Path dir;
                try {
                    dir = Path.of(root.toURI());
                } catch (URISyntaxException e) {
                    throw new IOException("Bad class path folder " + root, e);
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(p -> p.getFileName().toString().endsWith(".class")).forEach(p -> {
                        String relative = dir.relativize(p).toString().replace('\\', '/');
                        classNames.add(toClassName(packagePath + "/" + relative));
                    });
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String entry = entries.nextElement().getName();
                        if (entry.startsWith(packagePath + "/") && entry.endsWith(".class")) {
                            classNames.add(toClassName(entry));
                        }
                    }
                }
            }
            default -> throw new IOException("Cannot list classes at " + root + " (only folders and jars)");
        }
        classNames.removeIf(n -> n.contains("$") || n.endsWith("package-info") || n.endsWith("module-info"));
    }

    private static String toClassName(String resource) {
        return resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
    }
}
