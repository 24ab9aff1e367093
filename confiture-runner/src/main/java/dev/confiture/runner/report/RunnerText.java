package dev.confiture.runner.report;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.MigrationListener;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.db.LockHolder;

/** The text rendering of the runner's reports and progress, in the seed's tone. */
public final class RunnerText {

    private RunnerText() {
    }

    /** {@code Applying 001_create_users_table ... ok (12 ms)}. */
    public static String outcomeLine(MigrationOutcome o, int index, int total) {
        String prefix = "";
        return switch (o.status()) {
            case "applied" -> prefix + "Applying " + o.displayName() + " ... ok (" + o.executionTimeMs() + " ms)"
                    + (o.transactional() ? "" : " [outside a transaction]");
            case "rolled_back" -> prefix + "Rolling back " + o.displayName() + " ... ok (" + o.executionTimeMs() + " ms)";
            case "would_apply" -> prefix + "Would apply " + o.displayName()
                    + (o.transactional() ? "" : " [outside a transaction]");
            case "would_roll_back" -> prefix + "Would roll back " + o.displayName();
            default -> prefix + o.status() + " " + o.displayName();
        };
    }

    /** {@code Applying 001_create_users_table ...}: said before the migration runs. */
    public static String startingLine(ResolvedMigration m, MigrationListener.Direction direction) {
        return (direction == MigrationListener.Direction.UP ? "Applying " : "Rolling back ") + m.displayName() + " ...";
    }

    /** {@code 002_x has waited 5 s so far: it is blocked by pid 4242 (application 'psql', ...), idle in transaction since ...}. */
    public static String blockedLine(ResolvedMigration m, long waitedMs, List<LockHolder> blockers) {
        StringBuilder s = new StringBuilder(m.displayName()).append(" has waited ").append(waitedMs / 1000)
                .append(" s so far: it is blocked by ");
        for (int i = 0; i < blockers.size(); i++) {
            s.append(i == 0 ? "" : "; and by ").append(blockers.get(i).describeWithQuery());
        }
        return s.toString();
    }

    /** {@code Target database: jdbc:postgresql://db.example:5432/app as deploy}: said before anything changes. */
    public static String targetLine(DatabaseSettings database) {
        return "Target database: " + database.describe();
    }

    public static String progressLine(int done, int total, long elapsedMs) {
        return "[" + done + "/" + total + "] " + (done * 100 / Math.max(1, total)) + "% done in " + elapsedMs + " ms";
    }

    public static String waitingLine(java.util.Optional<LockHolder> holder) {
        return "Waiting for the migration lock, held by " + holder.map(LockHolder::describe).orElse("another session");
    }

    /** The status table and its total line. */
    public static List<String> statusTable(StatusReport r) {
        int vw = "Version".length();
        int nw = "Name".length();
        int sw = "modified".length();
        for (StatusEntry e : r.migrations()) {
            vw = Math.max(vw, e.version().length());
            nw = Math.max(nw, e.name().length());
            sw = Math.max(sw, e.status().length());
        }
        List<String> lines = new ArrayList<>();
        lines.add("Migrations on " + r.database() + " (tracking table " + r.trackingTable() + ")");
        String sep = "+-" + "-".repeat(vw) + "-+-" + "-".repeat(nw) + "-+-" + "-".repeat(sw) + "-+";
        lines.add(sep);
        lines.add(row("Version", vw, "Name", nw, "Status", sw));
        lines.add(sep);
        for (StatusEntry e : r.migrations()) {
            lines.add(row(e.version(), vw, e.name(), nw, e.status(), sw)
                    + (e.kind() != null && !e.kind().equals("sql") ? " " + e.kind() : ""));
        }
        lines.add(sep);
        lines.add(totalLine(r));
        return lines;
    }

    public static String totalLine(StatusReport r) {
        StringBuilder s = new StringBuilder("Total: ").append(r.total()).append(" migrations (")
                .append(r.applied()).append(" applied, ").append(r.pending()).append(" pending");
        if (r.modified() > 0) {
            s.append(", ").append(r.modified()).append(" modified");
        }
        if (r.missing() > 0) {
            s.append(", ").append(r.missing()).append(" missing");
        }
        return s.append(")").toString();
    }

    private static String row(String v, int vw, String n, int nw, String s, int sw) {
        return "| " + pad(v, vw) + " | " + pad(n, nw) + " | " + pad(s, sw) + " |";
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    /** A listener that renders every event as a text line to the given sink (the Mojo's log). */
    public static MigrationListener lines(java.util.function.Consumer<String> sink) {
        return lines(sink, line -> sink.accept("WARNING: " + line));
    }

    /** As {@link #lines(java.util.function.Consumer)}, with warnings sent to a sink of their own (a build log's warn level). */
    public static MigrationListener lines(java.util.function.Consumer<String> sink,
                                          java.util.function.Consumer<String> warnings) {
        return new MigrationListener() {
            @Override
            public void waitingForLock(java.util.Optional<LockHolder> holder) {
                sink.accept(waitingLine(holder));
            }

            @Override
            public void info(String line) {
                sink.accept(line);
            }

            @Override
            public void warning(String line) {
                warnings.accept(line);
            }

            @Override
            public void starting(ResolvedMigration migration, MigrationListener.Direction direction, int index, int total) {
                sink.accept(startingLine(migration, direction));
            }

            @Override
            public void blocked(ResolvedMigration migration, long waitedMs, List<LockHolder> blockers) {
                sink.accept(blockedLine(migration, waitedMs, blockers));
            }

            @Override
            public void finished(MigrationOutcome outcome, int index, int total) {
                sink.accept(outcomeLine(outcome, index, total));
            }

            @Override
            public void progress(int done, int total, long elapsedMs) {
                sink.accept(progressLine(done, total, elapsedMs));
            }
        };
    }
}
