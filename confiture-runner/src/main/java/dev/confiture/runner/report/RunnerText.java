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
    public static String blockedLine(String migration, long waitedMs, List<LockHolder> blockers) {
        StringBuilder s = new StringBuilder(migration).append(" has waited ").append(waitedMs / 1000)
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

    /**
     * The status table people read: a line naming the current version and the target database, then
     * Version, Name, Kind, Status, Applied at (local to the database's clock, to the second), By and
     * Time for each migration, and the total line.
     */
    public static List<String> statusTable(StatusReport r) {
        List<String> header = List.of("Version", "Name", "Kind", "Status", "Applied at", "By", "Time");
        List<List<String>> rows = new ArrayList<>();
        for (StatusEntry e : r.migrations()) {
            rows.add(List.of(e.version(), e.name(), blank(e.kind()), e.status(), appliedAt(e.appliedAt()),
                    blank(e.appliedBy()), e.executionTimeMs() == null ? "" : duration(e.executionTimeMs())));
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(currentLine(r));
        StringBuilder sep = new StringBuilder("+");
        for (int w : widths) {
            sep.append("-".repeat(w + 2)).append('+');
        }
        lines.add(sep.toString());
        lines.add(row(header, widths));
        lines.add(sep.toString());
        rows.forEach(row -> lines.add(row(row, widths)));
        lines.add(sep.toString());
        lines.add(totalLine(r));
        return lines;
    }

    /** {@code Current version: 003 on jdbc:postgresql://db:5432/app as deploy (tracking table confiture_migrations)}. */
    public static String currentLine(StatusReport r) {
        return "Current version: " + (r.currentVersion() == null ? "none (nothing applied yet)" : r.currentVersion())
                + " on " + r.database() + " (tracking table " + r.trackingTable() + ")";
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

    /** {@code 2026-11-30 01:50:12 +00:00} from the ISO-8601 the report carries; as given when it is not one. */
    static String appliedAt(String iso) {
        if (iso == null || iso.isBlank() || "null".equals(iso)) {
            return "";
        }
        String quick = appliedAtQuickly(iso);
        if (quick != null) {
            return quick;
        }
        try {
            return java.time.OffsetDateTime.parse(iso).format(APPLIED_AT);
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    /**
     * {@code OffsetDateTime.toString()}'s usual form ({@code 2026-11-30T02:43:18.123456Z},
     * {@code 2026-11-30T02:43+05:30}) rewritten as {@link #APPLIED_AT} writes it, without java.time's
     * parser: through it, the 5,000 rows of a status table cost 0.09 s of a cold JVM. Null for any
     * other form (a year beyond 9999, an offset with seconds), which the parser then handles.
     */
    static String appliedAtQuickly(String iso) {
        int n = iso.length();
        if (n < 17 || iso.charAt(4) != '-' || iso.charAt(7) != '-' || iso.charAt(10) != 'T' || iso.charAt(13) != ':'
                || !digits(iso, 0, 4) || !digits(iso, 5, 7) || !digits(iso, 8, 10) || !digits(iso, 11, 13)
                || !digits(iso, 14, 16)) {
            return null;
        }
        int i = 16;
        String seconds = "00";
        if (iso.charAt(i) == ':') {
            if (i + 3 > n || !digits(iso, i + 1, i + 3)) {
                return null;
            }
            seconds = iso.substring(i + 1, i + 3);
            i += 3;
            if (i < n && iso.charAt(i) == '.') {
                i++;
                while (i < n && Character.isDigit(iso.charAt(i))) {
                    i++;
                }
            }
        }
        String zone = iso.substring(i);
        String offset;
        if (zone.equals("Z")) {
            offset = "+00:00";
        } else if (zone.length() == 6 && (zone.charAt(0) == '+' || zone.charAt(0) == '-') && digits(zone, 1, 3)
                && zone.charAt(3) == ':' && digits(zone, 4, 6)) {
            offset = zone;
        } else {
            return null;
        }
        return iso.substring(0, 10) + ' ' + iso.substring(11, 16) + ':' + seconds + ' ' + offset;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static final java.time.format.DateTimeFormatter APPLIED_AT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    /** {@code 12 ms} below ten seconds, {@code 12.3 s} below ten minutes, else {@code 14 min 3 s}. */
    static String duration(long ms) {
        if (ms < 10_000) {
            return ms + " ms";
        }
        if (ms < 600_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return ms / 60_000 + " min " + ms % 60_000 / 1000 + " s";
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private static String row(List<String> cells, int[] widths) {
        StringBuilder s = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            s.append(' ').append(pad(cells.get(i), widths[i])).append(" |");
        }
        return s.toString();
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
            public void blocked(String migration, long waitedMs, List<LockHolder> blockers) {
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
