package dev.confiture.runner.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;

class FleetSelectionTest {

    private static List<FleetTarget> fleet(int tenants) {
        List<FleetTarget> out = new ArrayList<>();
        for (String db : List.of("eu", "us")) {
            for (int i = 0; i < tenants; i++) {
                out.add(new FleetTarget(db + "/tenant_" + i, db, "tenant_" + i, null, "tenant_" + i + ".confiture_migrations"));
            }
        }
        return out;
    }

    @Test
    void namesAndGlobsSelectInTargetOrder() {
        List<FleetTarget> all = fleet(3);
        assertThat(FleetSelection.select(all, "us/tenant_1, eu/*_2")).extracting(FleetTarget::name)
                .containsExactly("eu/tenant_2", "us/tenant_1");
        assertThat(FleetSelection.select(all, "us")).extracting(FleetTarget::name)
                .containsExactly("us/tenant_0", "us/tenant_1", "us/tenant_2");
        assertThat(FleetSelection.select(all, " ")).isEqualTo(all);
    }

    @Test
    void namesThatDifferAlikeStillSpreadOverTheShards() {
        // CRC-32 put all four in one half: it is linear in the bytes that differ
        List<String> names = List.of("eu/tenant_a", "eu/tenant_b", "us/tenant_a", "us/tenant_b");
        assertThat(names.stream().map(n -> FleetSelection.sliceOf(n, 2)).distinct()).hasSize(2);
    }

    @Test
    void aPatternThatMatchesNothingIsAnError() {
        assertThatThrownBy(() -> FleetSelection.select(fleet(2), "eu/tenant_0,asia"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo("FLEET_TARGET_UNKNOWN"))
                .hasMessageContaining("'asia'").hasMessageContaining("eu/tenant_1");
    }

    @Test
    void shardsAreDisjointCoverEverythingAndDoNotDependOnTheRest() {
        List<FleetTarget> all = fleet(25);
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int k = 1; k <= 4; k++) {
            List<FleetTarget> slice = FleetSelection.shard(all, k + "/4");
            assertThat(slice).isNotEmpty();
            slice.forEach(t -> seen.add(t.name()));
            total += slice.size();
            // a target's slice depends on its name alone, not on which other targets exist
            assertThat(FleetSelection.shard(all.subList(0, 10), k + "/4")).isEqualTo(slice.stream().filter(all.subList(0, 10)::contains).toList());
        }
        assertThat(total).isEqualTo(all.size());
        assertThat(seen).hasSize(all.size());
    }

    @Test
    void aBadShardIsAnError() {
        for (String bad : List.of("0/4", "5/4", "2", "a/b", "1/0")) {
            assertThatThrownBy(() -> FleetSelection.shard(fleet(1), bad)).isInstanceOfSatisfying(ConfitureException.class,
                    e -> assertThat(e.code()).isEqualTo("FLEET_SHARD_INVALID"));
        }
    }
}
