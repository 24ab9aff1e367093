package dev.confiture.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IsoTimestampsTest {

    @Test
    void writesWhatToStringWritesForEveryShapeOfTime() {
        List<OffsetDateTime> times = new ArrayList<>(List.of(
                OffsetDateTime.parse("2026-11-30T02:43:00Z"),             // seconds and nanos zero: HH:mm only
                OffsetDateTime.parse("2026-11-30T02:43:07Z"),             // seconds, no fraction
                OffsetDateTime.parse("2026-11-30T02:43:00.5Z"),           // a fraction with zero seconds
                OffsetDateTime.parse("2026-11-30T02:43:18.120Z"),         // milliseconds: three digits
                OffsetDateTime.parse("2026-11-30T02:43:18.123450Z"),      // microseconds: six
                OffsetDateTime.parse("2026-11-30T02:43:18.000000001Z"),   // nanoseconds: nine
                OffsetDateTime.parse("0007-01-02T00:00Z"),                // a year below 1000 is padded
                OffsetDateTime.parse("9999-12-31T23:59:59.999999999Z"),
                OffsetDateTime.parse("+10000-01-01T00:00Z"),              // beyond four digits: the JDK's own
                OffsetDateTime.parse("-0001-01-01T00:00Z"),
                OffsetDateTime.parse("2026-11-30T02:43:18.123+01:00"),    // another offset: the JDK's own
                OffsetDateTime.MAX, OffsetDateTime.MIN));                 // what infinity reads as
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            long micros = random.nextLong(-62_135_596_800_000_000L, 253_402_300_799_000_000L);
            times.add(OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L), ZoneOffset.UTC));
        }

        for (OffsetDateTime t : times) {
            assertThat(IsoTimestamps.text(t)).as("%s", t).isEqualTo(t.toString());
        }
    }

    @Test
    void noTimeStaysNoTime() {
        assertThat(IsoTimestamps.text(null)).isNull();
    }
}
