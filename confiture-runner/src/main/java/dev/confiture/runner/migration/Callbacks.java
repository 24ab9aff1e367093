package dev.confiture.runner.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.Utf8Text;
import dev.confiture.sql.MigrationScript;
import dev.confiture.sql.Placeholders;

/**
 * The SQL callbacks of {@code db/callbacks}: {@code <event>.sql} or {@code <event>__<description>.sql}
 * (Flyway's two forms), several per event run in name order (docs/migrations.md, "Callbacks"). A
 * {@code .sql} file whose name is no event is an error naming the valid events: a misspelt
 * {@code aftermigrate.sql} must not silently never run. Other files (a README) are ignored.
 */
public record Callbacks(Map<CallbackEvent, List<Path>> files) {

    public static final String CODE_UNKNOWN = "CALLBACK_UNKNOWN_EVENT";
    public static final Callbacks NONE = new Callbacks(Map.of());

    public Callbacks {
        files = Map.copyOf(files);
    }

    /** The callbacks in {@code dir}; none when it is null or does not exist. */
    public static Callbacks load(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return NONE;
        }
        List<Path> sql;
        try (Stream<Path> list = Files.list(dir)) {
            sql = list.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the callbacks in " + dir, e);
        }
        Map<CallbackEvent, List<Path>> byEvent = new EnumMap<>(CallbackEvent.class);
        for (Path file : sql) {
            String name = file.getFileName().toString();
            String stem = name.substring(0, name.length() - ".sql".length());
            int sep = stem.indexOf("__");
            CallbackEvent event = CallbackEvent.byFileName(sep < 0 ? stem : stem.substring(0, sep));
            if (event == null || (sep >= 0 && sep + 2 == stem.length())) {
                throw new ConfitureException(CODE_UNKNOWN, "Callback " + file + ": '" + name + "' names no event."
                        + " Name a callback <event>.sql or <event>__<description>.sql, where <event> is one of: "
                        + String.join(", ", CallbackEvent.fileNames()) + " (as Flyway spells them). Nothing was run.",
                        file, 0, true, null);
            }
            byEvent.computeIfAbsent(event, e -> new ArrayList<>()).add(file);
        }
        return new Callbacks(byEvent);
    }

    /** The files of one event, in name order. */
    public List<Path> of(CallbackEvent event) {
        return files.getOrDefault(event, List.of());
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /**
     * Refuses, before anything runs, a callback of {@code events} that holds what no migration may hold
     * (transaction control, psql meta-commands) or an unknown placeholder, naming the file and line.
     */
    public void check(List<CallbackEvent> events, Placeholders placeholders) {
        for (CallbackEvent event : events) {
            for (Path file : of(event)) {
                String text = Utf8Text.read(file, MigrationStatements.UNREADABLE);
                List<MigrationScript.Refusal> refused = MigrationScript.refusals(text, file);
                if (!refused.isEmpty()) {
                    MigrationScript.Refusal first = refused.get(0);
                    throw new ConfitureException(first.code(), "Refused before anything ran: callback " + file.getFileName()
                            + " holds a statement no callback may contain:\n  - " + first.located(), first.file(),
                            first.line(), true, null);
                }
                placeholders.apply(text, file);
            }
        }
    }
}
