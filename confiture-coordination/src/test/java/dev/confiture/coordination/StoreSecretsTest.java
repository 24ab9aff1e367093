package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.UrlParser;
import org.junit.jupiter.api.Test;

/** The coordination store's URL goes through the model's parser and masker like every other URL. */
class StoreSecretsTest {

    @Test
    void anUnreachableStoreIsNamedWithoutItsSecrets() {
        var settings = UrlParser.parse("jdbc:postgresql://127.0.0.1:1/coord?user=agent&PASSWORD=Pw1-Hidden"
                + "&sslpassword=Pw2-Hidden&connectTimeout=2", "confiture.coordinationUrl");
        assertThatThrownBy(() -> CoordinationService.open(settings))
                .isInstanceOfSatisfying(ConfitureException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.code()).isEqualTo("COORDINATION_CONNECT_FAILED"))
                .hasMessageContaining("127.0.0.1:1/coord?PASSWORD=***&sslpassword=***")
                .hasMessageNotContaining("Hidden");
    }

    @Test
    void aUrlOfAnotherKindIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> UrlParser.parse("mysql://u:Pw-Hidden@h/db", "confiture.coordinationUrl"))
                .hasMessageContaining("must start with postgresql://")
                .hasMessageNotContaining("Pw-Hidden");
    }
}
