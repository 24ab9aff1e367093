package dev.confiture.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.Placeholders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two checks end to end on real repositories: schema files and migrations read from git,
 * turned into models by the DDL interpreter, compared.
 */
class GitValidatorTest {

    private static final String USERS = """
            CREATE TABLE users (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now()
            );
            """;
    private static final String POSTS = """
            CREATE TABLE posts (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users (id),
                title TEXT NOT NULL
            );
            """;

    @TempDir
    Path tmp;

    private TestRepo repo;
    private final GitValidator validator = GitValidator.standard();

    /** The seed guide's project: users and posts, each created by a migration, committed on main. */
    @BeforeEach
    void seedProject() {
        repo = TestRepo.init(tmp.resolve("project"));
        repo.write("db/schema/10_tables/users.sql", USERS)
                .write("db/schema/10_tables/posts.sql", POSTS)
                .write("db/migrations/001_create_users.up.sql", USERS)
                .write("db/migrations/001_create_users.down.sql", "DROP TABLE users;")
                .write("db/migrations/002_create_posts.up.sql", POSTS)
                .write("db/environments/local.yaml", "name: local\nincludes:\n  - ../schema\n")
                .commit("Initial schema");
    }

    private ValidateOptions options() {
        return ValidateOptions.of(repo.dir(), List.of(Path.of("db/schema")), Path.of("db/migrations"))
                .withBaseRef("main");
    }

    private ValidationResult staged() {
        return validator.validate(options().withBaseRef("HEAD").withStaged(true));
    }

    private ValidationResult onBranch() {
        return validator.validate(options());
    }

    private static ValidationReport.Check check(ValidationResult result, String name) {
        return result.report().checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private void feature() {
        repo.git("checkout", "-q", "-b", "feature");
    }

    /**
     * When the schema files changed, the migrations are listed on another thread while the schema
     * files are read: an error of the listing still wins over one of the schema files, as when the
     * listing ran first, and a schema file's own error is reported when the listing has none.
     */
    @Test
    void aMigrationListingErrorComesBeforeASchemaFileErrorWhenBothFail() {
        feature();
        repo.write("db/schema/10_tables/users.sql", USERS + "CREATE TABLE broken (id bigint\n")
                .write("db/migrations/003_extra.down.sql", "SELECT 1;")
                .commit("A down migration without its up file, and an unreadable schema file");

        assertThatThrownBy(this::onBranch)
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.code()).isEqualTo("MIGRATION_DOWN_WITHOUT_UP"));

        repo.write("db/migrations/003_extra.up.sql", "SELECT 1;").commit("Its up file");
        assertThatThrownBy(this::onBranch)
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.code()).startsWith("DDL_").isNotEqualTo("MIGRATION_DOWN_WITHOUT_UP"));
    }

    /** A renamed migration's note, written by the listing thread, comes before the summary note, as before. */
    @Test
    void theListingsNotesComeBeforeTheSummaryWhenSchemaFilesChanged() {
        feature();
        repo.git("mv", "db/migrations/002_create_posts.up.sql", "db/migrations/003_create_posts.up.sql");
        repo.write("db/schema/10_tables/posts.sql", POSTS.replace("title TEXT NOT NULL", "title TEXT NOT NULL, body TEXT"))
                .write("db/migrations/004_body.up.sql", "ALTER TABLE posts ADD COLUMN body TEXT;")
                .commit("Renumber a migration, add a column");

        ValidationResult result = onBranch();
        assertThat(result.passed()).isTrue();
        assertThat(result.textLines()).anySatisfy(l -> assertThat(l).contains("003_create_posts.up.sql was moved or renamed"));
        int moved = indexOf(result.textLines(), "was moved or renamed");
        int summary = indexOf(result.textLines(), "Schema files: 2 at the base");
        assertThat(moved).isNotNegative().isLessThan(summary);
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Validate left out only the default tracking table: with tracking_table: ops.schema_history it
     * counted that table as a schema change, and ignored a user's own table named confiture_migrations.
     */
    @Test
    void theEnvironmentsTrackingTableIsConfitureSAndTheDefaultNameIsTheUsers() {
        feature();
        repo.write("db/schema/20_ops/history.sql", "CREATE SCHEMA ops;\n"
                        + "CREATE TABLE ops.schema_history (version text PRIMARY KEY);\n")
                .write("db/schema/20_ops/mine.sql", "CREATE TABLE confiture_migrations (id int);\n")
                .commit("ops schema, a table of the user's named like the default tracking table");
        ValidationResult result = validator.validate(options().withTrackingTable("ops.schema_history"));
        assertThat(check(result, ValidationReport.MIGRATION).findings()).extracting(ValidationReport.Finding::object)
                .containsExactly("table public.confiture_migrations");
        // with the default tracking table, it is the other way round
        assertThat(check(onBranch(), ValidationReport.MIGRATION).findings()).extracting(ValidationReport.Finding::object)
                .contains("table ops.schema_history").doesNotContain("table public.confiture_migrations");
    }

    @Test
    void seedPreCommitScenarioFailsWithoutAMigrationAndPassesWithOne() {
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .add("db/schema/10_tables/users.sql");

        ValidationResult failing = validator.validate(
                ValidateOptions.of(repo.dir(), List.of(Path.of("db/schema")), Path.of("db/migrations")).withStaged(true));
        assertThat(failing.passed()).isFalse();
        assertThat(failing.report().target()).isEqualTo("index");
        ValidationReport.Check migration = check(failing, ValidationReport.MIGRATION);
        assertThat(migration.status()).isEqualTo(ValidationReport.FAILED);
        assertThat(migration.findings()).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("column public.users.phone");
            assertThat(f.message()).contains("no migration").contains("phone text");
            assertThat(f.file()).isEqualTo("db/schema/10_tables/users.sql");
        });
        assertThat(check(failing, ValidationReport.DRIFT).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("the schema files: phone text; the migrations: absent"
                        + " (to match the schema files: ").contains("public.users.phone"));
        assertThat(failing.textLines()).anySatisfy(l -> assertThat(l).startsWith("Validation failed"));

        repo.write("db/migrations/003_add_phone.up.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .add("db/migrations/003_add_phone.up.sql");
        ValidationResult passing = validator.validate(
                ValidateOptions.of(repo.dir(), List.of(Path.of("db/schema")), Path.of("db/migrations")).withStaged(true));
        assertThat(passing.passed()).as(String.join("\n", passing.textLines())).isTrue();
        assertThat(passing.report().checks()).extracting(ValidationReport.Check::name)
                .containsExactly(ValidationReport.MIGRATION, ValidationReport.DRIFT);
    }

    @Test
    void aMigrationThatRollsItselfBackFailsValidateAsMigrateWouldRefuseIt() {
        feature();
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .write("db/migrations/003_add_phone.up.sql",
                        "BEGIN;\nALTER TABLE users ADD COLUMN phone text;\nROLLBACK;\n")
                .commit("phone, rolled back by its own migration");
        ValidationResult result = onBranch();
        assertThat(result.passed()).as(String.join("\n", result.textLines())).isFalse();
        assertThat(check(result, ValidationReport.DRIFT).findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("db/migrations/003_add_phone.up.sql");
            assertThat(f.message()).contains("line 1", "BEGIN", "transaction control", "own transaction")
                    .doesNotContain("does not apply to the schema");
        });

        repo.write("db/migrations/003_add_phone.up.sql", "\\connect other_db\nALTER TABLE users ADD COLUMN phone text;\n")
                .commit("phone, for another database");
        assertThat(check(onBranch(), ValidationReport.DRIFT).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("line 1", "\\connect", "psql meta-command"));

        // a statement that would release the migration lock is refused as migrate refuses it
        repo.write("db/migrations/003_add_phone.up.sql", "ALTER TABLE users ADD COLUMN phone text;\nDISCARD ALL;\n")
                .commit("phone, and a DISCARD ALL");
        assertThat(check(onBranch(), ValidationReport.DRIFT).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("is refused, as confiture:migrate would refuse it: line 2:")
                        .contains("'DISCARD ALL' releases every advisory lock"));
    }

    @Test
    void migrationsAreReadWithTheEnvironmentsPlaceholdersAsMigrateRunsThem() {
        // Issue 12: ${schema_owner} is replaced as migrate replaces it; the checksum (migrate's concern) stays on the raw text.
        feature();
        repo.write("db/schema/20_audit/audit.sql", "CREATE SCHEMA audit AUTHORIZATION app_owner;\n"
                        + "CREATE TABLE audit.events (id bigint PRIMARY KEY, note text DEFAULT 'on ci');\n")
                .write("db/migrations/003_audit.up.sql", "-- ${not_checked_in_comments}\n"
                        + "CREATE SCHEMA ${audit_schema} AUTHORIZATION ${schema_owner};\n"
                        + "CREATE TABLE ${audit_schema}.events (id bigint PRIMARY KEY, note text DEFAULT 'on ${confiture:env}');\n")
                .commit("audit schema, with a migration that uses placeholders");
        Placeholders values = new Placeholders(java.util.Map.of("audit_schema", "audit", "schema_owner", "app_owner"), true)
                .withBuiltIns("ci", null, null);

        ValidationResult result = validator.validate(options().withPlaceholders(values));
        assertThat(result.passed()).as(String.join("\n", result.textLines())).isTrue();

        // an unknown one is migrate's own error, naming the file and line
        assertThatThrownBy(() -> validator.validate(options().withPlaceholders(
                new Placeholders(java.util.Map.of("audit_schema", "audit"), true).withBuiltIns("ci", null, null))))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(Placeholders.CODE_UNKNOWN);
                    assertThat(e.file()).isEqualTo(Path.of("db/migrations/003_audit.up.sql"));
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("db/migrations/003_audit.up.sql:2: ${schema_owner}",
                            "Known placeholders: audit_schema, confiture:database, confiture:env, confiture:user");
                });

        // placeholderReplacement: false reads the file as written: ${audit_schema} is no schema name
        ValidationResult off = validator.validate(options().withPlaceholders(Placeholders.OFF));
        assertThat(check(off, ValidationReport.DRIFT).status()).isEqualTo(ValidationReport.FAILED);
        assertThat(check(off, ValidationReport.DRIFT).findings()).anySatisfy(f ->
                assertThat(f.file()).isEqualTo("db/migrations/003_audit.up.sql"));
    }

    @Test
    void anAddedOrEditedRepeatableIsAMigrationChangeReplayedAfterTheVersionedOnes() {
        feature();
        // the view reads a column that 003, a versioned migration of the same range, adds: drift passes
        // only if the repeatable is replayed after it
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .write("db/schema/20_views/user_phones.sql", "CREATE VIEW user_phones AS SELECT id, phone FROM users;\n")
                .write("db/migrations/R__user_phones.sql", "CREATE OR REPLACE VIEW user_phones AS SELECT id, phone FROM users;\n")
                .write("db/migrations/003_add_phone.up.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .commit("phone and its view");
        ValidationResult added = onBranch();
        assertThat(added.passed()).as(String.join("\n", added.textLines())).isTrue();
        assertThat(added.notes()).anySatisfy(n -> assertThat(n).contains("003_add_phone.up.sql, R__user_phones.sql"));
        repo.git("checkout", "-q", "main");
        repo.git("merge", "-q", "feature");

        // a later branch changes only the view: the repeatable's edit is its migration
        repo.git("checkout", "-q", "-b", "view-only");
        repo.write("db/schema/20_views/user_phones.sql", "CREATE VIEW user_phones AS SELECT id, phone, email FROM users;\n")
                .commit("view without its repeatable");
        assertThat(check(onBranch(), ValidationReport.MIGRATION).findings()).isNotEmpty();
        repo.write("db/migrations/R__user_phones.sql",
                        "CREATE OR REPLACE VIEW user_phones AS SELECT id, phone, email FROM users;\n")
                .commit("its repeatable, edited");
        ValidationResult edited = onBranch();
        assertThat(edited.passed()).as(String.join("\n", edited.textLines())).isTrue();
    }

    @Test
    void committedChangesOnABranchAreCheckedFromTheMergeBase() {
        feature();
        repo.append("db/schema/10_tables/posts.sql", "CREATE INDEX posts_user_idx ON posts (user_id);\n")
                .commit("index without migration");
        ValidationResult result = onBranch();
        assertThat(result.passed()).isFalse();
        assertThat(check(result, ValidationReport.MIGRATION).findings()).extracting(ValidationReport.Finding::object)
                .containsExactly("index public.posts_user_idx");

        repo.write("db/migrations/003_posts_user_idx.up.sql", "CREATE INDEX posts_user_idx ON posts (user_id);\n")
                .commit("its migration");
        assertThat(onBranch().passed()).isTrue();
    }

    @Test
    void stagedSeesTheIndexAndCommittedSeesHeadButNeitherSeesTheWorkingDirectory() {
        feature();
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n");
        assertThat(staged().passed()).as("unstaged edit").isTrue();
        assertThat(onBranch().passed()).as("unstaged edit").isTrue();

        repo.add("db/schema/10_tables/users.sql");
        assertThat(staged().passed()).as("staged edit").isFalse();
        assertThat(onBranch().passed()).as("staged, not committed").isTrue();

        repo.commit("phone without migration");
        assertThat(onBranch().passed()).as("committed").isFalse();
        assertThat(staged().passed()).as("nothing staged beyond HEAD").isTrue();
    }

    @Test
    void formattingCommentsReorderingAndMovingFilesAreNotChanges() throws Exception {
        feature();
        repo.write("db/schema/10_tables/users.sql", """
                -- Users of the application.
                create table USERS (
                    id bigint generated always as identity primary key,   /* surrogate key */
                    email text not null unique,
                    created_at timestamptz not null default now()
                );
                """);
        java.nio.file.Files.createDirectories(repo.path("db/schema/20_content"));
        repo.git("mv", "db/schema/10_tables/posts.sql", "db/schema/20_content/posts.sql");
        repo.commit("reformat and move");
        ValidationResult result = onBranch();
        assertThat(result.passed()).as(String.join("\n", result.textLines())).isTrue();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("without a structural change"));

        repo.delete("db/schema/20_content/posts.sql").delete("db/schema/10_tables/users.sql");
        repo.write("db/schema/all.sql", POSTS.replace("REFERENCES users (id)", "") + "\n" + USERS
                + "ALTER TABLE posts ADD FOREIGN KEY (user_id) REFERENCES users (id);\n");
        repo.commit("one file, statements reordered");
        ValidationResult merged = onBranch();
        assertThat(merged.passed()).as(String.join("\n", merged.textLines())).isTrue();
    }

    @Test
    void anAddedSchemaFileNeedsAMigration() {
        feature();
        repo.write("db/schema/10_tables/tags.sql", "CREATE TABLE tags (id int PRIMARY KEY, label text NOT NULL);\n")
                .commit("tags");
        ValidationResult result = onBranch();
        assertThat(check(result, ValidationReport.MIGRATION).findings()).extracting(ValidationReport.Finding::object)
                .contains("table public.tags");
        assertThat(check(result, ValidationReport.MIGRATION).findings()).allSatisfy(
                f -> assertThat(f.file()).isEqualTo("db/schema/10_tables/tags.sql"));

        repo.write("db/migrations/003_tags.up.sql", "CREATE TABLE tags (id int PRIMARY KEY, label text NOT NULL);\n")
                .commit("tags migration");
        assertThat(onBranch().passed()).isTrue();
    }

    @Test
    void aDeletedSchemaFileNeedsAMigrationThatDropsTheTable() {
        feature();
        repo.delete("db/schema/10_tables/posts.sql").commit("no more posts");
        ValidationResult result = onBranch();
        assertThat(check(result, ValidationReport.MIGRATION).findings()).extracting(ValidationReport.Finding::object)
                .contains("table public.posts");
        assertThat(check(result, ValidationReport.MIGRATION).findings())
                .filteredOn(f -> f.object().equals("table public.posts")).singleElement()
                .satisfies(f -> assertThat(f.message()).containsIgnoringCase("drop table"));

        repo.write("db/migrations/003_drop_posts.up.sql", "DROP TABLE posts;\n").commit("drop posts");
        assertThat(onBranch().passed()).isTrue();
    }

    @Test
    void aMigrationThatDisagreesWithTheSchemaIsDrift() {
        feature();
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .write("db/migrations/003_add_phone.up.sql", "ALTER TABLE users ADD COLUMN phone varchar(20);\n")
                .commit("phone, inconsistently");
        ValidationResult result = onBranch();
        assertThat(check(result, ValidationReport.MIGRATION).passed()).isTrue();
        ValidationReport.Check drift = check(result, ValidationReport.DRIFT);
        assertThat(drift.findings()).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("column public.users.phone");
            assertThat(f.message()).startsWith(
                    "the schema files: phone text; the migrations: phone character varying(20) (to match the schema files: ");
            assertThat(f.file()).isEqualTo("db/migrations/003_add_phone.up.sql");
        });
    }

    @Test
    void confituresOwnObjectsInASchemaFileAreNoSchemaChangeAndNoDrift() {
        feature();
        // a schema file taken from pg_dump of a live database: it holds the tracking table and the coordination store
        repo.write("db/schema/00_dump.sql", """
                CREATE TABLE public.confiture_migrations (version text NOT NULL, name text NOT NULL);
                ALTER TABLE ONLY public.confiture_migrations ADD CONSTRAINT confiture_migrations_pkey PRIMARY KEY (version);
                CREATE SCHEMA confiture_coordination;
                CREATE TABLE confiture_coordination.intents (intent_id text PRIMARY KEY, agent_id text NOT NULL);
                CREATE INDEX intents_agent_idx ON confiture_coordination.intents (agent_id);
                """).commit("Schema from pg_dump");
        ValidationResult result = onBranch();
        assertThat(check(result, ValidationReport.MIGRATION).findings()).isEmpty();
        assertThat(check(result, ValidationReport.DRIFT).findings()).isEmpty();
        assertThat(result.report().passed()).isTrue();
    }

    @Test
    void aDataOnlyMigrationCountsAsAMigrationButChangesNoStructure() {
        feature();
        repo.write("db/migrations/003_backfill.up.sql",
                "INSERT INTO users (email) VALUES ('admin@example.com');\nUPDATE users SET email = lower(email);\n")
                .commit("data only");
        assertThat(onBranch().passed()).as("data migration alone").isTrue();

        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n").commit("phone");
        ValidationResult result = onBranch();
        assertThat(check(result, ValidationReport.MIGRATION).passed()).as("a migration is in the range").isTrue();
        assertThat(check(result, ValidationReport.DRIFT).findings()).extracting(ValidationReport.Finding::object)
                .containsExactly("column public.users.phone");
    }

    @Test
    void migrationsApplyInNumericVersionOrder() {
        feature();
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT NOT NULL;\n")
                .write("db/migrations/9_add_phone.up.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .write("db/migrations/10_phone_not_null.up.sql", "ALTER TABLE users ALTER COLUMN phone SET NOT NULL;\n")
                .commit("two steps");
        ValidationResult result = onBranch();
        assertThat(result.passed()).as(String.join("\n", result.textLines())).isTrue();
    }

    @Test
    void aMigrationThatDoesNotApplyIsADriftFindingNamingIt() {
        feature();
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .write("db/migrations/003_add_phone.up.sql", "ALTER TABLE members ADD COLUMN phone TEXT;\n")
                .commit("wrong table");
        ValidationReport.Check drift = check(onBranch(), ValidationReport.DRIFT);
        assertThat(drift.passed()).isFalse();
        assertThat(drift.findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("db/migrations/003_add_phone.up.sql");
            assertThat(f.message()).contains("does not apply").containsIgnoringCase("members");
        });
    }

    @Test
    void mergingMainIntoTheBranchOnlyValidatesTheBranchsOwnChanges() {
        feature();
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .write("db/migrations/003_add_phone.up.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .commit("phone");
        repo.git("checkout", "-q", "main");
        repo.append("db/schema/10_tables/posts.sql", "ALTER TABLE posts ADD COLUMN body TEXT;\n")
                .write("db/migrations/004_add_body.up.sql", "ALTER TABLE posts ADD COLUMN body TEXT;\n")
                .commit("body on main");
        repo.git("checkout", "-q", "feature");
        repo.git("merge", "-q", "--no-edit", "main");
        ValidationResult merged = onBranch();
        assertThat(merged.passed()).as(String.join("\n", merged.textLines())).isTrue();

        repo.append("db/schema/10_tables/posts.sql", "ALTER TABLE posts ADD COLUMN slug TEXT;\n").commit("slug");
        ValidationResult result = onBranch();
        assertThat(check(result, ValidationReport.MIGRATION).passed()).as("003 is in the range").isTrue();
        assertThat(check(result, ValidationReport.DRIFT).findings()).extracting(ValidationReport.Finding::object)
                .containsExactly("column public.posts.slug");
    }

    @Test
    void filesOutsideTheIncludesAndNonSqlFilesAreIgnored() {
        feature();
        repo.write("db/other/scratch.sql", "CREATE TABLE scratch (id int);\n")
                .write("db/schema/README.md", "CREATE TABLE not_sql (id int);\n")
                .writeBytes("db/schema/diagram.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1})
                .write("db/seeds/common/users.sql", "INSERT INTO users (email) VALUES ('a@b.c');\n")
                .commit("unrelated files");
        ValidationResult result = onBranch();
        assertThat(result.passed()).isTrue();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("No schema file or migration changed"));
    }

    @Test
    void aBinarySqlFileInTheSchemaIsAnErrorNamingIt() {
        feature();
        repo.writeBytes("db/schema/10_tables/dump.sql", new byte[] {'P', 'G', 'D', 'M', 'P', 0, 0, 3}).commit("oops");
        assertThatThrownBy(this::onBranch)
                .isInstanceOf(ConfitureException.class)
                .hasMessageStartingWith("db/schema/10_tables/dump.sql: is a binary file");
    }

    @Test
    void aStatementTheInterpreterRejectsNamesTheFileAndLine() {
        feature();
        repo.append("db/schema/10_tables/users.sql", "\nALTER TABLE nowhere ADD COLUMN x int;\n").commit("bad");
        assertThatThrownBy(this::onBranch)
                .isInstanceOf(ConfitureException.class)
                .satisfies(e -> {
                    ConfitureException c = (ConfitureException) e;
                    assertThat(c.isFinding()).isFalse();
                    assertThat(c.file()).isNotNull();
                    assertThat(c.file().toString()).isEqualTo("db/schema/10_tables/users.sql");
                    assertThat(c.line()).isEqualTo(7);
                    assertThat(c.getMessage()).contains("schema files at HEAD");
                });
    }

    /**
     * The two sides' files after the ones they share are read on two threads: when both sides' files
     * are unreadable, the base side's error is the one reported, as when the base side was read first.
     */
    @Test
    void whenBothSidesFailTheBaseSidesErrorIsReported() {
        repo.write("db/schema/20_views/zz.sql", "ALTER TABLE nowhere ADD COLUMN x int;\n").commit("bad at the base");
        feature();
        repo.write("db/schema/20_views/zz.sql", "SELECT 1;\nALTER TABLE elsewhere ADD COLUMN y int;\n").commit("bad on the branch");
        assertThatThrownBy(this::onBranch)
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("nowhere").contains("schema files at main ");
                });

        // the base side reads: the target side's error is reported
        repo.git("checkout", "-q", "main");
        repo.write("db/schema/20_views/zz.sql", "SELECT 1;\n").commit("fixed at the base");
        repo.git("checkout", "-q", "feature");
        repo.git("merge", "-q", "-X", "theirs", "--no-edit", "main");
        repo.write("db/schema/20_views/zz.sql", "SELECT 1;\nALTER TABLE elsewhere ADD COLUMN y int;\n").commit("bad on the branch again");
        assertThatThrownBy(this::onBranch)
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("elsewhere").contains("schema files at HEAD");
                });
    }

    @Test
    void aHugeSchemaFileIsReadAndInterpreted() {
        feature();
        StringBuilder sb = new StringBuilder(USERS);
        String comment = "-- " + "padding ".repeat(12) + "\n";
        while (sb.length() < 20_000_000) {
            sb.append(comment);
        }
        for (int i = 0; i < 200; i++) {
            sb.append("CREATE TABLE big_").append(i).append(" (id int PRIMARY KEY, v text);\n");
        }
        repo.write("db/schema/10_tables/users.sql", sb.toString()).commit("huge");
        ValidationResult result = onBranch();
        assertThat(check(result, ValidationReport.MIGRATION).findings()).hasSize(200);
    }

    @Test
    void aMavenProjectInASubfolderOfTheRepository() {
        TestRepo mono = TestRepo.init(tmp.resolve("mono"));
        mono.write("services/orders/db/schema/orders.sql", "CREATE TABLE orders (id int PRIMARY KEY);\n")
                .write("services/orders/db/migrations/001_orders.up.sql", "CREATE TABLE orders (id int PRIMARY KEY);\n")
                .write("services/billing/db/schema/invoices.sql", "CREATE TABLE invoices (id int PRIMARY KEY);\n")
                .commit("two services");
        mono.git("checkout", "-q", "-b", "feature");
        mono.append("services/billing/db/schema/invoices.sql", "ALTER TABLE invoices ADD COLUMN total numeric;\n")
                .commit("billing change");
        Path orders = mono.path("services/orders");
        ValidateOptions ordersOptions = ValidateOptions.of(orders, List.of(orders.resolve("db/schema")),
                Path.of("db/migrations")).withBaseRef("main");
        assertThat(validator.validate(ordersOptions).passed()).as("billing is not orders' business").isTrue();

        mono.append("services/orders/db/schema/orders.sql", "ALTER TABLE orders ADD COLUMN total numeric;\n")
                .commit("orders change");
        ValidationResult result = validator.validate(ordersOptions);
        assertThat(check(result, ValidationReport.MIGRATION).findings()).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("column public.orders.total");
            assertThat(f.file()).isEqualTo("services/orders/db/schema/orders.sql");
        });
    }

    @Test
    void aRenumberedMigrationIsNotAppliedTwice() {
        feature();
        repo.git("mv", "db/migrations/002_create_posts.up.sql", "db/migrations/005_create_posts.up.sql");
        repo.commit("renumber");
        ValidationResult result = onBranch();
        assertThat(result.passed()).as(String.join("\n", result.textLines())).isTrue();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("moved or renamed"));
    }

    @Test
    void onlyTheNamedCheckRuns() {
        feature();
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .commit("phone without migration");
        ValidationResult driftOnly = validator.validate(options().withChecks(true, false));
        assertThat(driftOnly.report().checks()).extracting(ValidationReport.Check::name)
                .containsExactly(ValidationReport.DRIFT);
        ValidationResult migrationOnly = validator.validate(options().withChecks(false, true));
        assertThat(migrationOnly.report().checks()).extracting(ValidationReport.Check::name)
                .containsExactly(ValidationReport.MIGRATION);
        assertThat(ValidateOptions.checks(null, null)).containsExactly(true, true);
        assertThat(ValidateOptions.checks(true, null)).containsExactly(true, false);
        assertThat(ValidateOptions.checks(null, true)).containsExactly(false, true);
        assertThat(ValidateOptions.checks(false, null)).containsExactly(false, false);
    }

    @Test
    void theFirstCommitCanBeValidatedStaged() {
        TestRepo fresh = TestRepo.init(tmp.resolve("fresh"));
        fresh.write("db/schema/users.sql", USERS).add();
        ValidateOptions options = ValidateOptions.of(fresh.dir(), List.of(Path.of("db/schema")), Path.of("db/migrations"))
                .withStaged(true);
        ValidationResult without = validator.validate(options);
        assertThat(without.report().base()).isEqualTo("empty tree");
        assertThat(without.passed()).isFalse();

        fresh.write("db/migrations/001_users.up.sql", USERS).add();
        assertThat(validator.validate(options).passed()).isTrue();
    }

    @Test
    void theReportRendersAsTheContractsJson() throws Exception {
        feature();
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n").commit("phone");
        ValidationReport report = onBranch().report();
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report);
        assertThat(json).startsWith("{\"status\":\"failed\",\"base\":\"" + repo.git("rev-parse", "main").trim()
                + "\",\"target\":\"" + repo.head() + "\",\"checks\":[{\"name\":\"migration\",\"status\":\"failed\","
                + "\"findings\":[{\"object\":\"column public.users.phone\",\"message\":");
        assertThat(json).contains("\"file\":\"db/schema/10_tables/users.sql\"");
    }

    // Issue 18: validate sees what build sees. Links are followed from the git tree, inside the project;
    // a link that leaves it is an error naming the link and its target.

    private static final String AUDIT = "CREATE TABLE audit (id bigint PRIMARY KEY, what text NOT NULL);\n";

    private void link(String link, String target) {
        try {
            Path l = repo.path(link);
            java.nio.file.Files.createDirectories(l.getParent());
            java.nio.file.Files.createSymbolicLink(l, Path.of(target));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> objects(ValidationResult result, String check) {
        return check(result, check).findings().stream().map(f -> f.object()).toList();
    }

    @Test
    void aLinkedFileInsideTheRepositoryIsASchemaFile() {
        feature();
        repo.write("shared/audit.sql", AUDIT);
        link("db/schema/20_audit.sql", "../../shared/audit.sql");
        repo.commit("Audit table through a link");
        ValidationResult result = onBranch();
        assertThat(result.passed()).isFalse();
        assertThat(objects(result, ValidationReport.MIGRATION)).anyMatch(o -> o.contains("public.audit"));

        // a migration that creates it satisfies both checks; an edit of the link's target is a schema change
        repo.write("db/migrations/003_audit.up.sql", AUDIT).commit("Migration");
        assertThat(onBranch().passed()).isTrue();
        repo.append("shared/audit.sql", "ALTER TABLE audit ADD COLUMN at timestamptz;\n").commit("Edit the target");
        assertThat(objects(onBranch(), ValidationReport.DRIFT)).anyMatch(o -> o.contains("audit"));
    }

    @Test
    void aLinkedFolderInsideTheRepositoryIsWalkedFromTheIndexToo() {
        repo.write("shared/tables/audit.sql", AUDIT);
        link("db/schema/30_shared", "../../shared/tables");
        repo.add();
        ValidationResult result = staged();
        assertThat(result.passed()).isFalse();
        assertThat(objects(result, ValidationReport.MIGRATION)).anyMatch(o -> o.contains("public.audit"));
    }

    @Test
    void aLinkToAFolderOutsideTheRepositoryIsAnErrorNamingTheLinkAndItsTarget() throws Exception {
        Path outside = tmp.resolve("outside");
        java.nio.file.Files.createDirectories(outside);
        java.nio.file.Files.writeString(outside.resolve("audit.sql"), AUDIT);
        feature();
        link("db/schema/40_ext", outside.toString());
        repo.commit("Link outside");
        assertThatThrownBy(this::onBranch).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
            assertThat(e.getMessage()).contains("db/schema/40_ext", outside.toString(), "allow_external_includes");
        });
        // allowed by the environment, it still cannot be read from git
        assertThatThrownBy(() -> validator.validate(options().withAllowExternalIncludes(true)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("VALIDATE_LINK_OUTSIDE_REPOSITORY");
                    assertThat(e.getMessage()).contains("db/schema/40_ext", outside.toString());
                });
    }

    @Test
    void aLinkToEtcPasswdIsAnError() {
        feature();
        link("db/schema/99_passwd.sql", "/etc/passwd");
        repo.commit("Link to /etc/passwd");
        assertThatThrownBy(this::onBranch).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
            assertThat(e.getMessage()).contains("db/schema/99_passwd.sql", "/etc/passwd");
        });
    }

    @Test
    void aLinkUpAndOutOfTheRepositoryByDotDotIsAnError() {
        feature();
        link("db/schema/50_up.sql", "../../../elsewhere.sql");
        repo.commit("Link up and out");
        assertThatThrownBy(this::onBranch).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
            assertThat(e.getMessage()).contains("db/schema/50_up.sql", "../../../elsewhere.sql");
        });
    }

    @Test
    void inAMonorepoSharedSqlBesideTheProjectNeedsTheEnvironmentsPermission() {
        TestRepo mono = TestRepo.init(tmp.resolve("mono"));
        mono.write("services/orders/db/schema/orders.sql", "CREATE TABLE orders (id int PRIMARY KEY);\n")
                .write("services/orders/db/migrations/001_orders.up.sql", "CREATE TABLE orders (id int PRIMARY KEY);\n")
                .write("shared/sql/audit.sql", AUDIT)
                .commit("orders and shared SQL");
        mono.git("checkout", "-q", "-b", "feature");
        try {
            java.nio.file.Files.createSymbolicLink(mono.path("services/orders/db/schema/20_audit.sql"),
                    Path.of("../../../../shared/sql/audit.sql"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        mono.commit("link the shared audit table");
        Path orders = mono.path("services/orders");
        ValidateOptions linked = ValidateOptions.of(orders, List.of(orders.resolve("db/schema")),
                Path.of("db/migrations")).withBaseRef("main");
        assertThatThrownBy(() -> validator.validate(linked)).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
            assertThat(e.getMessage()).contains("services/orders/db/schema/20_audit.sql", "../../../../shared/sql/audit.sql");
        });
        // allowed: followed inside the repository, and the audit table needs its migration
        ValidationResult allowed = validator.validate(linked.withAllowExternalIncludes(true));
        assertThat(objects(allowed, ValidationReport.MIGRATION)).anyMatch(o -> o.contains("public.audit"));

        // an include outside the project is refused the same way
        ValidateOptions include = ValidateOptions.of(orders, List.of(Path.of("../../shared/sql")),
                Path.of("db/migrations")).withBaseRef("main");
        assertThatThrownBy(() -> validator.validate(include)).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo("INCLUDE_OUTSIDE_PROJECT");
            assertThat(e.getMessage()).contains("shared/sql", "allow_external_includes");
        });
        assertThat(validator.validate(include.withAllowExternalIncludes(true)).report().checks()).isNotEmpty();
    }

    // Issue 18: the migrations folder under the same rule. A linked migration inside the repository is a
    // migration for validate, as migrate on disk runs it; a link leaving the project is an error.

    @Test
    void aLinkedMigrationInsideTheRepositoryIsCountedAndReplayed() {
        feature();
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .write("shared/migrations/add_phone.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n");
        link("db/migrations/003_add_phone.up.sql", "../../shared/migrations/add_phone.sql");
        repo.commit("phone, its migration through a link");
        ValidationResult result = onBranch();
        assertThat(result.passed()).as(String.join("\n", result.textLines())).isTrue();
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("003_add_phone.up.sql"));

        // replayed: a linked migration that disagrees with the schema is drift
        repo.write("shared/migrations/add_phone.sql", "ALTER TABLE users ADD COLUMN phone INTEGER;\n")
                .commit("the linked migration disagrees");
        assertThat(objects(onBranch(), ValidationReport.DRIFT)).anyMatch(o -> o.contains("phone"));
    }

    @Test
    void aLinkedMigrationsSubfolderIsWalkedFromTheIndex() {
        repo.append("db/schema/10_tables/users.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n")
                .write("shared/migrations/003_add_phone.up.sql", "ALTER TABLE users ADD COLUMN phone TEXT;\n");
        link("db/migrations/2026", "../../shared/migrations");
        repo.add();
        ValidationResult result = staged();
        assertThat(result.passed()).as(String.join("\n", result.textLines())).isTrue();
    }

    @Test
    void aMigrationLinkedToEtcPasswdIsAnError() {
        feature();
        link("db/migrations/003_passwd.up.sql", "/etc/passwd");
        repo.commit("Link a migration to /etc/passwd");
        assertThatThrownBy(this::onBranch).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
            assertThat(e.getMessage()).contains("db/migrations/003_passwd.up.sql", "/etc/passwd");
        });
    }

    @Test
    void aMigrationsFolderLinkedUpAndOutIsAnError() {
        feature();
        link("db/migrations/other", "../../../other");
        repo.commit("Link migrations up and out");
        assertThatThrownBy(this::onBranch).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
            assertThat(e.getMessage()).contains("db/migrations/other", "../../../other");
        });
    }

    @Test
    void aMigrationsFolderOutsideTheProjectNeedsTheEnvironmentsPermission() {
        TestRepo mono = TestRepo.init(tmp.resolve("mono"));
        mono.write("services/orders/db/schema/orders.sql", "CREATE TABLE orders (id int PRIMARY KEY);\n")
                .write("shared/migrations/001_orders.up.sql", "CREATE TABLE orders (id int PRIMARY KEY);\n")
                .commit("orders, migrations beside the project");
        Path orders = mono.path("services/orders");
        ValidateOptions outside = ValidateOptions.of(orders, List.of(Path.of("db/schema")),
                Path.of("../../shared/migrations")).withBaseRef("HEAD");
        assertThatThrownBy(() -> validator.validate(outside)).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo("INCLUDE_OUTSIDE_PROJECT");
            assertThat(e.getMessage()).contains("shared/migrations", "allow_external_includes");
        });
        assertThat(validator.validate(outside.withAllowExternalIncludes(true)).passed()).isTrue();
    }
}
