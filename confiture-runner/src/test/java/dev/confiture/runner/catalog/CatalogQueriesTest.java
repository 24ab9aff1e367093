package dev.confiture.runner.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The catalog queries as resources: filled placeholders, and loud failures for a missing file or value. */
class CatalogQueriesTest {

    @Test
    void fillsTheUserNamespaceAndVersionPlaceholders() {
        String sql = CatalogQueries.sql("routines", Map.of("PROKIND", "p.prokind"));
        assertThat(sql).contains(CatalogQueries.USER_NAMESPACE).contains("p.prokind AS kind").doesNotContain("${");
    }

    @Test
    void refusesAQueryWhosePlaceholderHasNoValue() {
        assertThatThrownBy(() -> CatalogQueries.sql("triggers"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("triggers.sql has no value for ${NOT_CLONE}");
    }

    @Test
    void refusesAMissingResource() {
        assertThatThrownBy(() -> CatalogQueries.sql("no_such_kind"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev/confiture/runner/catalog/sql/no_such_kind.sql");
    }
}
