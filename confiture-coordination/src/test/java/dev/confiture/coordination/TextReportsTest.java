package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextReportsTest {

    private static final Conflict COLUMN = new Conflict("int_aaaaaaaaaaaa", "alice", "user_profiles", "column", "error",
            List.of("public.users.bio"), "Coordinate with alice ...");

    @Test
    void statusIsAnAlignedTableFollowedByOpenConflicts() {
        IntentReport a = new IntentReport("int_aaaaaaaaaaaa", "alice", "user_profiles", "feature/user_profiles_001",
                "IN_PROGRESS", "medium", List.of("public.users"), "2026-11-28T12:00:00Z", List.of());
        IntentReport b = new IntentReport("int_bbbbbbbbbbbb", "bob\tthe\nbuilder" + "x".repeat(80), "bios",
                "feature/bios_001", "REGISTERED", "low", List.of("public.users"), "2026-11-28T12:01:00Z", List.of(COLUMN));
        List<String> lines = TextReports.status(new StatusReport(List.of(a, b)));
        assertThat(lines.get(0)).startsWith("+------------------+").isEqualTo(lines.get(2)).isEqualTo(lines.get(5));
        assertThat(lines.get(1)).startsWith("| Intent ID        | Agent ");
        assertThat(lines.subList(0, 6)).allSatisfy(l -> assertThat(l).hasSize(lines.get(0).length()));
        // control characters escaped, long values cut: one line per row
        assertThat(lines.get(4)).contains("bob\\u0009the\\u000abuilder").contains("...").doesNotContain("\n");
        assertThat(lines).contains("  - [ERROR] alice is working on column public.users.bio (int_aaaaaaaaaaaa, feature user_profiles)");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("2 intents");
        assertThat(TextReports.status(new StatusReport(List.of()))).containsExactly("No intents");
    }

    @Test
    void checkAndTransitionLines() {
        assertThat(TextReports.check(new CheckReport("bob", List.of())))
                .containsExactly("No conflicts for bob with other agents' active intents");
        assertThat(TextReports.check(new CheckReport("bob", List.of(COLUMN))).get(0)).isEqualTo("Conflict detected! (1 error, 0 warnings)");
        TransitionReport done = new TransitionReport("int_aaaaaaaaaaaa", "alice", "f", "feature/f_001", "IN_PROGRESS",
                "COMPLETED", "alice", "done", "success", List.of("public.users"), "2026-11-28T12:00:00Z");
        assertThat(TextReports.transition(done)).containsExactly(
                "Intent int_aaaaaaaaaaaa marked as COMPLETED (outcome success), was IN_PROGRESS",
                "By alice: done",
                "No longer blocking other agents from public.users");
    }
}
