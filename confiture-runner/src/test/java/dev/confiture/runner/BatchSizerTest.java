package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.confiture.model.migration.MigrationVersion;
import dev.confiture.runner.migration.MigrationKind;
import dev.confiture.runner.migration.ResolvedMigration;
import org.junit.jupiter.api.Test;

/** How many migrations the next round trip carries: the first alone, then as many as fit the run's pace and limits. */
class BatchSizerTest {

    private static List<ResolvedMigration> pending(int count) {
        List<ResolvedMigration> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(new ResolvedMigration(MigrationVersion.parse(String.valueOf(i)), "m" + i, MigrationKind.SQL, "c", null,
                    null, null, "c"));
        }
        return out;
    }

    @Test
    void theFirstMigrationRunsAloneThenTheRunsPaceSetsTheSize() {
        BatchSizer sizer = new BatchSizer();
        List<ResolvedMigration> pending = pending(500);
        assertThat(sizer.next(pending, 0, m -> 100)).isEqualTo(1);

        sizer.ran(1, 10_000_000); // 10 ms each so far: 200 ms hold 20
        assertThat(sizer.next(pending, 1, m -> 100)).isEqualTo(20);

        sizer.ran(20, 20_000_000); // 21 in 30 ms: the cap
        assertThat(sizer.next(pending, 21, m -> 100)).isEqualTo(BatchSizer.MAX_MIGRATIONS);
        assertThat(sizer.next(pending, 490, m -> 100)).as("only what is left").isEqualTo(10);
    }

    @Test
    void aSlowRunKeepsMigrationsAlone() {
        BatchSizer sizer = new BatchSizer();
        sizer.ran(2, 2_000_000_000L); // a second each
        assertThat(sizer.next(pending(10), 2, m -> 100)).isEqualTo(1);
    }

    @Test
    void aMigrationThatCannotTravelInABatchEndsIt() {
        BatchSizer sizer = new BatchSizer();
        sizer.ran(1, 1_000_000);
        List<ResolvedMigration> pending = pending(10);
        Map<String, Integer> lengths = Map.of("4", -1);
        assertThat(sizer.next(pending, 1, m -> lengths.getOrDefault(m.version().text(), 10))).isEqualTo(2);
        assertThat(sizer.next(pending, 3, m -> lengths.getOrDefault(m.version().text(), 10))).isZero();
    }

    @Test
    void theSqlTextLimitEndsABatchButNeverEmptiesIt() {
        BatchSizer sizer = new BatchSizer();
        sizer.ran(1, 1_000_000);
        List<ResolvedMigration> pending = pending(10);
        int third = BatchSizer.MAX_CHARS / 3;
        assertThat(sizer.next(pending, 1, m -> third)).isEqualTo(3);
        assertThat(sizer.next(pending, 1, m -> BatchSizer.MAX_CHARS * 2)).isEqualTo(1);
    }
}
