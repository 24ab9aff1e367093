package dev.confiture.sql;

import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The large corpus schemas (run when CONFITURE_CORPUS points at the corpus folder): each is split,
 * the count compared with the number of statements psql runs for the same file, and every
 * statement executed on its own in an empty database. Each must succeed and be exactly one
 * statement for the server, which catches both a statement cut short and two statements glued.
 */
class SqlSplitterCorpusTest {

    /*
     * Expected counts: the number of statements psql sends for the file, measured with psql 15 as
     * the number of command-completion lines `psql -X -v ON_ERROR_STOP=1 -d fresh_db -f FILE` prints
     * (each SELECT counted once by its "(n rows)" footer instead), on PostgreSQL 15.
     */
    @ParameterizedTest
    @CsvSource({
            "musicbrainz.sql, 3478",
            "pagila.sql, 377",
            "adventureworks.sql, 716",
            "openstreetmap.sql, 403",
    })
    void splitsLikePsqlAndEveryPieceRunsAlone(String name, int psqlCount) throws Exception {
        String corpus = System.getenv("CONFITURE_CORPUS");
        Assumptions.assumeTrue(corpus != null && !corpus.isBlank(), "CONFITURE_CORPUS is not set");
        Path file = Path.of(corpus, "schemas", name);
        List<SqlStatement> statements = SqlSplitter.split(Files.readString(file, StandardCharsets.UTF_8), file);
        assertThat(statements).hasSize(psqlCount);

        runOneByOne(file, statements);
    }

    /** Every a.sql and b.sql of the migra and evolution pairs: each piece alone, as for the schemas. */
    @Test
    void everyPairFileRunsPieceByPiece() throws Exception {
        String corpus = System.getenv("CONFITURE_CORPUS");
        Assumptions.assumeTrue(corpus != null && !corpus.isBlank(), "CONFITURE_CORPUS is not set");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(corpus))) {
            files = walk.filter(p -> p.getFileName().toString().matches("[ab]\\.sql"))
                    .filter(p -> p.getParent().getParent().getFileName().toString().matches("migra|evolution"))
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(60);
        // The evolution pairs of one project are near copies of each other (and of the big schemas
        // above): the first pair of each project is enough unless CONFITURE_CORPUS_FULL=true asks for all.
        if (!"true".equals(System.getenv("CONFITURE_CORPUS_FULL"))) {
            Set<String> projectsSeen = new HashSet<>();
            files = files.stream().filter(f -> {
                if (f.getParent().getParent().getFileName().toString().equals("migra")) {
                    return true;
                }
                String project = f.getParent().getFileName().toString().replaceFirst("-[^-]*$", "");
                return projectsSeen.add(project + "/" + f.getFileName());
            }).toList();
        }
        for (Path file : files) {
            runOneByOne(file, SqlSplitter.split(Files.readString(file, StandardCharsets.UTF_8), file));
        }
    }

    private static TestDatabase shared;

    @AfterAll
    static void dropShared() {
        if (shared != null) {
            shared.close();
        }
    }

    /**
     * Runs the statements one by one, all in one transaction that is rolled back at the end, so one
     * database serves every file (creating and dropping one per file costs seconds each on a busy
     * machine). A file with a statement that refuses a transaction gets a fresh database instead.
     */
    private static void runOneByOne(Path file, List<SqlStatement> statements) throws SQLException {
        boolean transactional = statements.stream().noneMatch(s -> SqlStatements.requiresNoTransaction(s.sql()));
        if (!transactional) {
            try (TestDatabase fresh = TestPostgres.newDatabase("split")) {
                run(fresh, file, statements, false);
            }
            return;
        }
        if (shared == null) {
            shared = TestPostgres.newDatabase("split");
        }
        run(shared, file, statements, true);
    }

    private static void run(TestDatabase db, Path file, List<SqlStatement> statements, boolean inOneTransaction) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(!inOneTransaction);
            try {
                for (SqlStatement s : statements) {
                    int results;
                    try {
                        st.execute(s.sql());
                        results = 1;
                        while (st.getMoreResults() || st.getUpdateCount() != -1) {
                            results++;
                        }
                    } catch (SQLException e) {
                        fail(file + ":" + s.line() + ":" + s.column() + ": " + e.getMessage() + "\n" + s.sql());
                        return;
                    }
                    assertThat(results).as("results of the statement at %s:%d", file, s.line()).isEqualTo(1);
                }
            } finally {
                if (inOneTransaction) {
                    c.rollback();
                }
            }
        }
    }
}
