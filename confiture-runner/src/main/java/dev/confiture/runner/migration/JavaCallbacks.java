package dev.confiture.runner.migration;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.api.Callback;
import dev.confiture.model.ConfitureException;

/** Finds Java callbacks ({@link Callback}) where Java migrations are found, in class-name order. */
public final class JavaCallbacks {

    private JavaCallbacks() {
    }

    public static List<Callback> discover(ClassLoader loader, String packageName) {
        List<Callback> out = new ArrayList<>();
        for (Class<?> type : JavaMigrations.concreteClasses(loader, packageName, Callback.class)) {
            try {
                out.add(type.asSubclass(Callback.class).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new ConfitureException("JAVA_CALLBACK_UNLOADABLE", "Could not create the Java callback "
                        + type.getName() + ": it needs a public no-argument constructor (" + e + ")", e);
            }
        }
        return List.copyOf(out);
    }
}
