package dev.confiture.git;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the in-process half of {@code bench/validate-bench.sh}, which generates the
 * repository and passes it as {@code -Dconfiture.bench.repo}. Prints the library's time for
 * validate on it, the first call (cold JVM, as in one {@code mvn} run) and warm calls.
 * Skipped when the property is not set.
 */
@Tag("bench")
class ValidateBenchTest {

    @Test
    void validateOnTheGeneratedRepository() {
        String repo = System.getProperty("confiture.bench.repo");
        assumeTrue(repo != null, "run through bench/validate-bench.sh");
        Path dir = Path.of(repo);
        ValidateOptions options = ValidateOptions.of(dir, List.of(dir.resolve("db/schema")), dir.resolve("db/migrations"));
        // CPU time of the whole process (JIT and GC threads, the cold-start threads): on a loaded machine
        // wall-clock time mostly measures the other processes.
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int run = 1; run <= 5; run++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            // the first call as the plugin makes it in a fresh JVM
            ValidationResult result = (run == 1 ? GitValidator.warmingUp() : GitValidator.standard()).validate(options);
            long ms = (System.nanoTime() - start) / 1_000_000;
            long cpuMs = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
            System.out.printf("library validate run %d (%s): %d ms, cpu %d ms, %s%n", run, run == 1 ? "cold JVM" : "warm",
                    ms, cpuMs, result.report().status());
            if (!result.passed()) {
                result.textLines().forEach(System.out::println);
                throw new AssertionError("the generated history is consistent; validate should pass");
            }
        }
    }
}
