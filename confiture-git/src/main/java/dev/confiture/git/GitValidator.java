package dev.confiture.git;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.confiture.diff.Difference;
import dev.confiture.diff.OwnObjects;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.ConfitureException;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.sql.MigrationScript;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.model.schema.SchemaModel;
import org.eclipse.jgit.lib.ObjectId;

/**
 * {@code confiture:validate} as a library: resolves the range in git, reads the schema files and
 * migrations of both sides from git objects, turns them into models through the DDL interpreter
 * and runs the two checks of docs/validate.md.
 * <ul>
 * <li>migration: the schema model changed in the range, but no migration was added or modified;</li>
 * <li>drift: the base schema with the range's migrations applied, in version order, is not the
 * target schema.</li>
 * </ul>
 * Formatting, comments, statement order and file moves change no model, so they are not changes.
 * Problems reading the input (not a repository, unknown ref, binary file, a statement the reader
 * does not understand in a schema file) are {@link ConfitureException}s; failed checks are a
 * report with status {@code failed}.
 */
public final class GitValidator {

    /**
     * The product's one SQL reader in strict mode: a statement it does not understand, or that
     * PostgreSQL would refuse at that point, stops with the file and line rather than being left out
     * of the model (a change hidden in it would go unseen).
     */
    private final DdlInterpreter interpreter = new DdlInterpreter();

    /** Loads JGit and the interpreter on other threads from the start (see {@link ColdStart}); null when not. */
    private final ColdStart coldStart;

    private GitValidator(ColdStart coldStart) {
        this.coldStart = coldStart;
    }

    /** The DDL interpreter as reader, the diff engine ({@link SchemaDiff#differences}) as judge. */
    public static GitValidator standard() {
        return new GitValidator(null);
    }

    /**
     * As {@link #standard()}, with the cold JVM's fixed work (loading JGit and the interpreter) started
     * now on other threads: for one validate in a fresh JVM, created before the caller reads its own
     * configuration so that the two overlap. The answers are the same.
     */
    public static GitValidator warmingUp() {
        return new GitValidator(ColdStart.begin());
    }

    /**
     * As {@link #warmingUp()}, for a caller that started {@link InterpreterWarmUp} itself, earlier,
     * before JGit was loadable: only JGit's part starts now.
     */
    public static GitValidator warmingUpGit() {
        return new GitValidator(ColdStart.beginGit());
    }

    public ValidationResult validate(ValidateOptions options) {
        if (coldStart != null) {
            coldStart.awaitGit();
        }
        try (GitRepository git = GitRepository.open(options.directory())) {
            Path project = options.directory().isAbsolute() ? options.directory()
                    : options.directory().toAbsolutePath();
            String projectPath = GitPaths.inRepository(git.workTree(), project, "The project directory");
            List<String> includePaths = new ArrayList<>();
            for (Path include : options.schemaIncludes()) {
                String path = GitPaths.inRepository(git.workTree(), project.resolve(include), "Schema include");
                if (!options.allowExternalIncludes() && !GitPaths.isUnder(path, projectPath)) {
                    // the rule SqlFiles applies on disk for build and verify
                    throw new ConfitureException("INCLUDE_OUTSIDE_PROJECT", "Schema include " + project.resolve(include)
                            + " is outside the project " + project + ". " + IncludeScope.remedy(null));
                }
                includePaths.add(path);
            }
            SchemaIncludes includes = new SchemaIncludes(includePaths, projectPath, options.allowExternalIncludes());
            String migrationsDir = GitPaths.inRepository(git.workTree(), project.resolve(options.migrationsDir()),
                    "Migrations folder");
            if (!options.allowExternalIncludes() && !GitPaths.isUnder(migrationsDir, projectPath)) {
                // the rule SqlFiles applies on disk for migrate and verify
                throw new ConfitureException("INCLUDE_OUTSIDE_PROJECT", "Migrations folder "
                        + project.resolve(options.migrationsDir()).normalize() + " is outside the project " + project
                        + ". " + IncludeScope.remedy(null));
            }
            // One include, the migrations folder, under the rule of the schema includes.
            SchemaIncludes migrations = new SchemaIncludes(List.of(migrationsDir), projectPath,
                    options.allowExternalIncludes());
            GitRepository.Range range = git.range(options.baseRef(), options.baseRefExplicit(), options.staged());
            List<String> folders = new ArrayList<>(includes.paths());
            folders.add(migrationsDir);
            Revision base = git.files(range.base(), folders);
            Revision target = git.files(range.target(), folders);
            try (BlobReader blobs = git.blobs()) {
                return new Run(options, includes, migrations, base, target, blobs, range.notes()).execute(range);
            }
        }
    }

    /** One validation: the two sides' files, read lazily, and the checks over them. */
    private final class Run {
        private final ValidateOptions options;
        private final String migrationsDir;
        private final SchemaIncludes migrations;
        private final Revision base;
        private final Revision target;
        private final BlobReader blobs;
        private final List<String> notes;
        private final List<GitFile> baseSchema;
        private final List<GitFile> targetSchema;

        Run(ValidateOptions options, SchemaIncludes includes, SchemaIncludes migrations, Revision base, Revision target,
            BlobReader blobs, List<String> notes) {
            this.options = options;
            this.migrations = migrations;
            this.migrationsDir = migrations.paths().get(0);
            this.base = base;
            this.target = target;
            this.blobs = blobs;
            this.notes = new ArrayList<>(notes);
            this.baseSchema = includes.select(base);
            this.targetSchema = includes.select(target);
            if (includes.paths().isEmpty()) {
                this.notes.add("The environment has no schema includes: there are no schema files to check.");
            }
        }

        ValidationResult execute(GitRepository.Range range) {
            if (sameFiles(baseSchema, targetSchema)) {
                return execute(range, migrationsInRange(), null);
            }
            // The schema files will be read whatever the migrations are: listing the migrations (every
            // file name of both sides parsed and sorted, from the two trees already in memory) runs on
            // another thread meanwhile. Its notes and errors come first, as when it ran first.
            CompletableFuture<List<MigrationFile>> listing = Aside.supply("confiture-validate-migrations",
                    this::migrationsInRange);
            Models models;
            try {
                models = models();
            } catch (RuntimeException | Error e) {
                Aside.join(listing);
                throw e;
            }
            return execute(range, Aside.join(listing), models);
        }

        /** The base and target schema models; the files both sides share at the start are read once. */
        private Models models() {
            int common = commonPrefix(baseSchema, targetSchema);
            SchemaModel shared = schemaModel(SchemaModel.empty(), baseSchema.subList(0, common), base);
            List<GitFile> baseRest = baseSchema.subList(common, baseSchema.size());
            List<GitFile> targetRest = targetSchema.subList(common, targetSchema.size());
            if (baseRest.isEmpty() || targetRest.isEmpty()) {
                return new Models(schemaModel(shared, baseRest, base), schemaModel(shared, targetRest, target));
            }
            // Each side's remaining files are read into its own model from the shared one, and each
            // interpretation starts by indexing that whole model: the base side's runs on another
            // thread meanwhile. Blobs are read here first (the reader is the caller's); the base
            // side's error comes first, as when it was read first.
            List<SqlText> baseTexts = baseRest.stream().map(this::sql).toList();
            CompletableFuture<SchemaModel> baseSide = Aside.supply("confiture-validate-base-schema",
                    () -> interpret(shared, baseTexts, base));
            SchemaModel targetModel;
            try {
                targetModel = schemaModel(shared, targetRest, target);
            } catch (RuntimeException | Error e) {
                Aside.join(baseSide);
                throw e;
            }
            return new Models(Aside.join(baseSide), targetModel);
        }

        /** {@code models} null: not read yet (they are read only when something changed). */
        private ValidationResult execute(GitRepository.Range range, List<MigrationFile> inRange, Models models) {
            List<GitFile> changedSchemaFiles = changedSchemaFiles();
            notes.add("Schema files: " + baseSchema.size() + " at the base, " + targetSchema.size() + " at the target, "
                    + changedSchemaFiles.stream().map(GitFile::path).distinct().count()
                    + " changed (added, modified, removed or moved); migrations added or modified: "
                    + (inRange.isEmpty() ? "none" : String.join(", ", inRange.stream().map(MigrationFile::fileName).toList())));
            List<ValidationReport.Check> checks = new ArrayList<>();
            boolean nothingChanged = sameFiles(baseSchema, targetSchema) && inRange.isEmpty();
            if (nothingChanged) {
                notes.add("No schema file or migration changed in the range.");
                if (options.requireMigration()) {
                    checks.add(ValidationReport.Check.of(ValidationReport.MIGRATION, List.of()));
                }
                if (options.checkDrift()) {
                    checks.add(ValidationReport.Check.of(ValidationReport.DRIFT, List.of()));
                }
                return result(range, checks);
            }
            // The files both sides share, in the same order at the start, give the same model:
            // interpret them once (a change deep in a large schema then costs little more than one read).
            if (models == null) {
                models = models();
            }
            SchemaModel baseModel = models.base();
            SchemaModel targetModel = models.target();
            if (options.requireMigration()) {
                checks.add(requireMigration(baseModel, targetModel, inRange, changedSchemaFiles));
            }
            if (options.checkDrift()) {
                checks.add(checkDrift(baseModel, targetModel, inRange, changedSchemaFiles));
            }
            return result(range, checks);
        }

        private ValidationResult result(GitRepository.Range range, List<ValidationReport.Check> checks) {
            boolean passed = checks.stream().allMatch(ValidationReport.Check::passed);
            ValidationReport report = new ValidationReport(passed ? ValidationReport.PASSED : ValidationReport.FAILED,
                    base.id(), target.id(), checks);
            return new ValidationResult(report, range.base().label(), range.target().label(), notes);
        }

        private ValidationReport.Check requireMigration(SchemaModel baseModel, SchemaModel targetModel,
                                                        List<MigrationFile> inRange, List<GitFile> changedFiles) {
            if (!inRange.isEmpty()) {
                // A migration came with the range: whatever changed, this check is met (drift judges the rest).
                return ValidationReport.Check.of(ValidationReport.MIGRATION, List.of());
            }
            // Equal records are certainly equal schemas; only unequal ones need the diff engine's judgement.
            List<Difference> changes = SchemaDiff.differences(baseModel, targetModel, own());
            if (changes.isEmpty()) {
                if (!changedFiles.isEmpty()) {
                    notes.add("Schema files changed without a structural change (formatting, comments, order or moves).");
                }
                return ValidationReport.Check.of(ValidationReport.MIGRATION, List.of());
            }
            List<ValidationReport.Finding> findings = new ArrayList<>();
            Attribution attribution = new Attribution(changedFiles, blobs,
                    changes.stream().map(Difference::object).toList());
            for (Difference change : changes) {
                findings.add(new ValidationReport.Finding(change.object().toString(),
                        "changed in the schema files with no migration added or modified in " + migrationsDir + ": "
                                + change.change(),
                        attribution.fileFor(change.object())));
            }
            return ValidationReport.Check.of(ValidationReport.MIGRATION, findings);
        }

        private ValidationReport.Check checkDrift(SchemaModel baseModel, SchemaModel targetModel,
                                                  List<MigrationFile> inRange, List<GitFile> changedFiles) {
            // The migrations as migrate runs them, placeholders replaced: an unknown one is migrate's error
            // (file and line), raised before any migration is read into the model.
            List<SqlText> texts = inRange.stream().map(m -> migrationSql(m.file())).toList();
            // One model changed by each migration in turn, not a copy of it per migration.
            DdlInterpreter.MigrationReplay replay = interpreter.replayMigrations(baseModel);
            for (int i = 0; i < inRange.size(); i++) {
                MigrationFile migration = inRange.get(i);
                try {
                    SqlText text = texts.get(i);
                    replay.apply(new SqlSource(text.name(), text.text()));
                } catch (ConfitureException e) {
                    String where = e.line() > 0 ? "line " + e.line() + ": " : "";
                    // A refused statement is wrong wherever the migration runs, not only on this base.
                    boolean refused = e.code().equals(MigrationScript.TRANSACTION_CONTROL)
                            || e.code().equals(MigrationScript.META_COMMAND) || e.code().equals(MigrationScript.RELEASES_LOCK);
                    return ValidationReport.Check.of(ValidationReport.DRIFT, List.of(new ValidationReport.Finding(null,
                            (refused ? "is refused, as confiture:migrate would refuse it: "
                                    : "does not apply to the schema at the base with the migrations before it: ") + where
                                    + e.bareMessage(), migration.file().path())));
                }
            }
            List<GitFile> candidates = new ArrayList<>(inRange.stream().map(MigrationFile::file).toList());
            candidates.addAll(changedFiles);
            List<ValidationReport.Finding> findings = new ArrayList<>();
            SchemaModel produced = replay.model();
            List<Difference> drift = SchemaDiff.differences(produced, targetModel, own());
            Attribution attribution = new Attribution(candidates, blobs,
                    drift.stream().map(Difference::object).toList());
            for (Difference d : drift) {
                // the words verify uses for the same difference
                findings.add(new ValidationReport.Finding(d.object().toString(), d.describe("the migrations", "the schema files"),
                        attribution.fileFor(d.object())));
            }
            return ValidationReport.Check.of(ValidationReport.DRIFT, findings);
        }

        private SchemaModel schemaModel(SchemaModel start, List<GitFile> files, Revision side) {
            if (files.isEmpty()) {
                return start;
            }
            return interpret(start, files.stream().map(this::sql).toList(), side);
        }

        private SchemaModel interpret(SchemaModel start, List<SqlText> texts, Revision side) {
            try {
                return interpreter.interpret(start, texts.stream().map(t -> new SqlSource(t.name(), t.text())).toList());
            } catch (ConfitureException e) {
                throw new ConfitureException(e.code(), e.bareMessage() + " (schema files at " + side.label() + ")",
                        e.file(), e.line(), false, e);
            }
        }

        /** Confiture's objects for the environment's tracking table, never a schema change. */
        private OwnObjects own() {
            return OwnObjects.of(options.trackingTable());
        }

        private SqlText sql(GitFile file) {
            return new SqlText(file.path(), blobs.text(file));
        }

        /** A migration's text with the environment's placeholders replaced, as migrate reads it before running it. */
        private SqlText migrationSql(GitFile file) {
            return new SqlText(file.path(), options.placeholders().apply(blobs.text(file), Path.of(file.path())));
        }

        /**
         * Up migrations added or modified between base and target. A migration whose content the base
         * already holds under another name was moved or renumbered, not written: it is not applied again.
         */
        private List<MigrationFile> migrationsInRange() {
            // Each side's migrations folder is selected once, for its versioned and its repeatable
            // migrations (selecting walks every file listed, links followed, and sorts).
            List<GitFile> baseMigrations = migrations.select(base);
            List<GitFile> targetMigrations = migrations.select(target);
            List<MigrationFile> changed = versionedInRange(baseMigrations, targetMigrations);
            // A repeatable added or edited is a migration change too: migrate applies it again, after the
            // versioned ones, so the drift replay applies it after them as well.
            Map<String, GitFile> before = new HashMap<>();
            MigrationFile.repeatablesIn(base, migrations, baseMigrations, false).forEach(r -> before.putIfAbsent(r.name(), r.file()));
            for (MigrationFile r : MigrationFile.repeatablesIn(target, migrations, targetMigrations, true)) {
                GitFile old = before.get(r.name());
                if (old == null || !old.blob().equals(r.file().blob())) {
                    changed.add(r);
                }
            }
            return changed;
        }

        private List<MigrationFile> versionedInRange(List<GitFile> baseMigrations, List<GitFile> targetMigrations) {
            List<MigrationFile> before = MigrationFile.in(base, migrations, baseMigrations, false);
            Set<ObjectId> known = new HashSet<>();
            // by the path listed (a link's name for a linked migration), as the target side lists it
            Map<String, GitFile> byPath = new HashMap<>();
            before.forEach(m -> {
                known.add(m.file().blob());
                byPath.putIfAbsent(m.file().path(), m.file());
            });
            List<MigrationFile> changed = new ArrayList<>();
            for (MigrationFile m : MigrationFile.in(target, migrations, targetMigrations, true)) {
                GitFile old = byPath.get(m.file().path());
                if (old != null && old.blob().equals(m.file().blob())) {
                    continue;
                }
                if (old == null && known.contains(m.file().blob())) {
                    notes.add(m.file().path() + " was moved or renamed from an existing migration: not applied again.");
                    continue;
                }
                changed.add(m);
            }
            return changed;
        }

        /** Schema files whose content differs between the two sides, target side first (added or modified), then removed ones. */
        private List<GitFile> changedSchemaFiles() {
            List<GitFile> changed = new ArrayList<>();
            Set<ObjectId> baseBlobs = new HashSet<>();
            baseSchema.forEach(f -> baseBlobs.add(f.blob()));
            Set<ObjectId> targetBlobs = new HashSet<>();
            targetSchema.forEach(f -> targetBlobs.add(f.blob()));
            for (GitFile f : targetSchema) {
                if (!baseBlobs.contains(f.blob())) {
                    changed.add(f);
                }
            }
            for (GitFile f : baseSchema) {
                if (!targetBlobs.contains(f.blob())) {
                    changed.add(f);
                }
            }
            return changed;
        }
    }

    private record Models(SchemaModel base, SchemaModel target) {
    }

    private static int commonPrefix(List<GitFile> a, List<GitFile> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
            n++;
        }
        return n;
    }

    private static boolean sameFiles(List<GitFile> a, List<GitFile> b) {
        return a.equals(b);
    }
}
