package dev.confiture.git;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work run on a thread of its own, beside the caller's: a daemon thread per task, named for it (a few
 * per validate, so no pool to size or shut down).
 */
final class Aside {

    private Aside() {
    }

    static <T> CompletableFuture<T> supply(String name, Supplier<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                done.complete(work.get());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    static CompletableFuture<Void> run(String name, Runnable work) {
        return supply(name, () -> {
            work.run();
            return null;
        });
    }

    /** The task's value, or its own exception (unchecked) or error, as if it had run on the caller's thread. */
    static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }
}
