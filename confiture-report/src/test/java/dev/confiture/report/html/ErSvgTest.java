package dev.confiture.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.confiture.report.diagram.ErDiagram;
import org.junit.jupiter.api.Test;

class ErSvgTest {

    private static ErDiagram sized(double width, double height) {
        return new ErDiagram(width, height, List.of(), List.of(), List.of());
    }

    @Test
    void aDiagramTooLargeToReadOnTheLargestCanvasStartsWithItsColumnRowsHidden() {
        // musicbrainz' 519 tables: shown whole on a 1600 x 900 canvas, a 12 px row would be under 1 px
        assertThat(ErSvg.render(sized(21143, 42722.6))).startsWith("<svg id=\"er\" class=\"far\" ");
        // just past the script's threshold on the largest canvas, in either direction
        assertThat(ErSvg.render(sized(1600 / 0.29, 100))).startsWith("<svg id=\"er\" class=\"far\" ");
        assertThat(ErSvg.render(sized(100, 900 / 0.29))).startsWith("<svg id=\"er\" class=\"far\" ");
    }

    @Test
    void aDiagramThatSomeCanvasShowsReadablyStartsWithEverythingShown() {
        assertThat(ErSvg.render(sized(800, 600))).startsWith("<svg id=\"er\" xmlns=");
        assertThat(ErSvg.render(sized(1600 / 0.31, 900 / 0.31))).startsWith("<svg id=\"er\" xmlns=");
        assertThat(ErSvg.render(sized(0, 0))).startsWith("<svg id=\"er\" xmlns=");
    }
}
