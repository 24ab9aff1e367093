package dev.confiture.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cold-start work validate starts on other threads changes no answer, and its sample schema stays
 * one the interpreter reads (a sample it refused would warm nothing, silently).
 */
class ColdStartTest {

    @TempDir
    Path tmp;

    @Test
    void theSampleSchemaAndMigrationAreReadByTheStrictInterpreter() {
        InterpreterWarmUp.warm();
        ColdStart.warmGit();
    }

    @Test
    void aWarmingUpValidatorGivesTheSameReportsAsTheStandardOne() {
        TestRepo repo = featureWithoutMigration();
        ValidateOptions options = optionsFor(repo);

        ValidationResult failed = GitValidator.warmingUp().validate(options);
        assertThat(failed.passed()).isFalse();
        assertThat(failed).isEqualTo(GitValidator.standard().validate(options));

        repo.write("db/migrations/2_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n").commit("Migration");
        ValidationResult passed = GitValidator.warmingUp().validate(options);
        assertThat(passed.passed()).isTrue();
        assertThat(passed).isEqualTo(GitValidator.standard().validate(options));
    }

    @Test
    void theInterpreterWarmedUpFirstThenJGitGivesTheSameReportAsTheStandardOne() {
        ValidateOptions options = optionsFor(featureWithoutMigration());

        InterpreterWarmUp.start();
        ValidationResult failed = GitValidator.warmingUpGit().validate(options);
        assertThat(failed.passed()).isFalse();
        assertThat(failed).isEqualTo(GitValidator.standard().validate(options));
    }

    @Test
    void outsideARepositoryTheErrorIsTheStandardOne() throws Exception {
        Path notARepository = Files.createDirectories(tmp.resolve("plain"));
        ValidateOptions options = ValidateOptions.of(notARepository, List.of(Path.of("db/schema")), Path.of("db/migrations"));
        assertThatThrownBy(() -> GitValidator.warmingUp().validate(options))
                .isInstanceOf(ConfitureException.class)
                .hasMessage(catchMessage(() -> GitValidator.standard().validate(options)));
    }

    /** A repository whose branch {@code feature} changes a schema file without a migration, against {@code main}. */
    private TestRepo featureWithoutMigration() {
        TestRepo repo = TestRepo.init(tmp.resolve("project"));
        repo.write("db/schema/users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n")
                .write("db/migrations/1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n")
                .commit("Initial schema");
        repo.git("checkout", "-q", "-b", "feature");
        repo.write("db/schema/users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n").commit("No migration");
        return repo;
    }

    private static ValidateOptions optionsFor(TestRepo repo) {
        return ValidateOptions.of(repo.dir(), List.of(Path.of("db/schema")), Path.of("db/migrations")).withBaseRef("main");
    }

    private static String catchMessage(Runnable run) {
        try {
            run.run();
        } catch (ConfitureException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an error");
    }
}
