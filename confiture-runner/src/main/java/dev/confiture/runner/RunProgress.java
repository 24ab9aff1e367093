package dev.confiture.runner;

/** Tells the listener how far a long run is: every {@link MigrationRunner#PROGRESS_EVERY} migrations or {@link MigrationRunner#PROGRESS_MS}. */
final class RunProgress {

    private final MigrationListener listener;
    private final int total;
    private final long start = System.nanoTime();
    private long lastReport = start;

    RunProgress(MigrationListener listener, int total) {
        this.listener = listener;
        this.total = total;
    }

    void tick(int done) {
        long now = System.nanoTime();
        if (done < total && (done % MigrationRunner.PROGRESS_EVERY == 0
                || (now - lastReport) / 1_000_000 >= MigrationRunner.PROGRESS_MS)) {
            lastReport = now;
            listener.progress(done, total, (now - start) / 1_000_000);
        }
    }
}
