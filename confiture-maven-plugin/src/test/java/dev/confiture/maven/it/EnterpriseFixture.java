package dev.confiture.maven.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * For the {@code verify-enterprise-*} invoker tests: a fresh copy of {@code examples/enterprise}
 * under the test's folder ({@code enterprise/}, built through the test's small aggregator POM),
 * edited per scenario and committed to a real git repository rooted at the test's folder, so that
 * {@code confiture:validate} has a range to look at.
 */
public final class EnterpriseFixture {

    private final Path root;

    private EnterpriseFixture(Path root) {
        this.root = root;
    }

    /** Copies the example into {@code <basedir>/enterprise}; nothing is committed yet. */
    public static EnterpriseFixture copy(File basedir) {
        Path root = basedir.toPath().toAbsolutePath().normalize();
        Path example = findExample(root);
        Path target = root.resolve("enterprise");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path source : files.toList()) {
                Path relative = example.relativize(source);
                if (relative.toString().startsWith("target") || relative.toString().contains(File.separator + "target")) {
                    continue;
                }
                Path destination = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(root.resolve(".gitignore"), "target/\nbuild.log\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EnterpriseFixture(root);
    }

    /** {@code examples/enterprise} of the checkout this test runs in, found by walking up from the test folder. */
    private static Path findExample(Path from) {
        for (Path p = from; p != null; p = p.getParent()) {
            Path candidate = p.resolve("examples").resolve("enterprise");
            if (Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/enterprise not found above " + from);
    }

    /** Writes (or replaces) a file of the copied example, {@code path} relative to {@code enterprise/}. */
    public EnterpriseFixture write(String path, String content) {
        try {
            Path file = root.resolve("enterprise").resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends to a file of the copied example. */
    public EnterpriseFixture append(String path, String content) {
        try {
            Files.writeString(root.resolve("enterprise").resolve(path), content, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text in a file of the copied example; the text must be there. */
    public EnterpriseFixture replace(String path, String from, String to) {
        try {
            Path file = root.resolve("enterprise").resolve(path);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.contains(from)) {
                throw new IllegalStateException(path + " does not contain: " + from);
            }
            Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EnterpriseFixture delete(String path) {
        try {
            Files.delete(root.resolve("enterprise").resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything (creating the repository, on branch main, at the first call). */
    public EnterpriseFixture commit(String message) {
        if (!Files.isDirectory(root.resolve(".git"))) {
            git("init", "-q", "-b", "main");
        }
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return this;
    }

    public EnterpriseFixture tag(String name) {
        git("tag", name);
        return this;
    }

    private void git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Confiture IT", "-c",
                "user.email=it@confiture.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
