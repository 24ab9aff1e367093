package dev.confiture.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium} package; .ci/run installs it): a screenshot and the
 * DOM after scripts ran, of a page opened from the file system. Each run gets its own profile
 * folder and no network features.
 */
final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path executable;

    private Chromium(Path executable) {
        this.executable = executable;
    }

    /** The browser on the PATH, or null. */
    static Chromium find() {
        awaitInstall();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return new Chromium(p);
                }
            }
        }
        return null;
    }

    /**
     * .ci/run installs Chromium beside the build on a new machine and names, in
     * {@code CONFITURE_CHROMIUM_INSTALL}, a file it writes once the install has ended: a test that
     * comes first waits for it (up to ten minutes) rather than skipping.
     */
    private static void awaitInstall() {
        String ended = System.getenv("CONFITURE_CHROMIUM_INSTALL");
        if (ended == null || ended.isBlank()) {
            return;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (!Files.exists(Path.of(ended)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static final String MISSING = "Chromium is not installed, so the report is not checked in a real browser:"
            + " apt-get install -y chromium (.ci/run does this when it is missing)";

    void screenshot(Path page, Path png, Path profile) throws IOException, InterruptedException {
        run(page, profile, "--screenshot=" + png, "--window-size=1400,1000");
    }

    String dumpDom(Path page, Path profile) throws IOException, InterruptedException {
        return run(page.toUri().toString(), profile, "--dump-dom");
    }

    /** The DOM of the page opened at {@code fragment} ({@code #table=public.orders}). */
    String dumpDom(Path page, String fragment, Path profile) throws IOException, InterruptedException {
        return run(page.toUri() + fragment, profile, "--dump-dom");
    }

    private String run(Path page, Path profile, String... extra) throws IOException, InterruptedException {
        return run(page.toUri().toString(), profile, extra);
    }

    private String run(String url, Path profile, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("Chromium did not finish in 120 s: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("Chromium failed (" + p.exitValue() + "): "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
