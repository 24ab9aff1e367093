package dev.confiture.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.files.IncludeScope;
import dev.confiture.report.diagram.ErDiagram;
import dev.confiture.runner.RunnerConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The report of the corpus' four large schemas (CONFITURE_CORPUS/schemas), from the schema file
 * alone: every table of the file is in the picture, in a box of its own, and keys are edges.
 * Skips without the corpus.
 */
class ReportCorpusTest {

    @TempDir
    Path project;

    @ParameterizedTest
    @CsvSource({
            "pagila, 60, public.film_actor",
            "musicbrainz, 400, musicbrainz.artist_credit_name",
            "adventureworks, 60, sales.salesorderdetail",
            "openstreetmap, 50, public.changesets",
    })
    void aLargeSchemaIsDrawnWholeWithItsKeys(String name, int minTables, String table) throws Exception {
        String corpus = System.getenv("CONFITURE_CORPUS");
        assumeTrue(corpus != null && Files.isRegularFile(Path.of(corpus, "schemas", name + ".sql")),
                "CONFITURE_CORPUS is not set or has no schemas/" + name + ".sql: corpus report not checked");
        Path schema = project.resolve("db/schema/" + name + ".sql");
        Files.createDirectories(schema.getParent());
        Files.copy(Path.of(corpus, "schemas", name + ".sql"), schema);
        ReportRequest request = new ReportRequest("local", project, List.of(project.resolve("db/schema")),
                IncludeScope.within(project), RunnerConfig.of(null, project.resolve("db/migrations")),
                project.resolve("target/confiture"), null);

        ReportModel model = new ReportCollector(request, null).collect();
        Path page = dev.confiture.report.html.HtmlReport.write(model, project.resolve("target/confiture/report"));

        ErDiagram d = model.schema().diagram();
        assertThat(d.tables()).hasSizeGreaterThanOrEqualTo(minTables);
        assertThat(d.tables()).extracting(ErDiagram.TableBox::qualifiedName).contains(table);
        assertThat(d.edges()).isNotEmpty();
        assertThat(d.tables()).allSatisfy(t -> assertThat(t.width() * t.height()).isPositive());
        assertThat(d.width()).isPositive();
        assertThat(Files.readString(page)).contains("data-n=\"" + table + "\"", "<datalist id=\"table-names\">");
    }
}
