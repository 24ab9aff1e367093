package dev.confiture.model.sql;

import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The large corpus schemas (run when CONFITURE_CORPUS points at the corpus folder): each is split,
 * the count compared with the number of statements psql runs for the same file, and every
 * statement executed on its own in a fresh database. Each must succeed and be exactly one
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

        try (TestDatabase db = TestPostgres.newDatabase("split"); Connection c = db.connect(); Statement st = c.createStatement()) {
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
        }
    }
}
