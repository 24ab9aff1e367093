package dev.confiture.api;

/**
 * A migration written in Java, for what SQL alone cannot do well (data backfills in batches,
 * calling out to code). Put the class in the package named by {@code confiture.javaMigrationsPackage}
 * and name it {@code V<version>__<Name>}, e.g. {@code V003__BackfillUserSlugs} (version {@code 003},
 * name {@code backfill_user_slugs}), or override {@link #version()} and {@link #name()}.
 *
 * <p>{@link #up} runs in one transaction together with its tracking row; so does {@link #down}.
 * A migration that does not override {@link #down} is irreversible: rolling it back is refused.
 * The class needs a public no-argument constructor.
 */
public interface Migration {

    /** Applies the change. */
    void up(MigrationContext ctx) throws Exception;

    /** Undoes {@link #up}; the default refuses, which makes the migration irreversible. */
    default void down(MigrationContext ctx) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " is irreversible: it has no down()");
    }

    /** True when {@link #down} is overridden; override to say otherwise explicitly. */
    default boolean reversible() {
        try {
            return getClass().getMethod("down", MigrationContext.class).getDeclaringClass() != Migration.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The version (digits); null takes it from the class name {@code V<version>__<Name>}. */
    default String version() {
        return null;
    }

    /** The name in snake_case; null takes it from the class name {@code V<version>__<Name>}. */
    default String name() {
        return null;
    }
}
