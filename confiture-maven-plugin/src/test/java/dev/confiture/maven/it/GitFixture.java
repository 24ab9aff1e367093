package dev.confiture.maven.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Git for the invoker ITs' hook scripts ({@code prebuild.groovy}): turns a sample project folder
 * into a real repository with the {@code git} command, as a user's checkout would be.
 */
public final class GitFixture {

    private final Path dir;

    private GitFixture(Path dir) {
        this.dir = dir;
    }

    /** {@code git init -b main} in {@code dir}. */
    public static GitFixture init(File dir) {
        GitFixture git = new GitFixture(dir.toPath());
        git.run("init", "-q", "-b", "main");
        return git;
    }

    /** Stages everything and commits. */
    public GitFixture commitAll(String message) {
        run("add", "-A");
        run("commit", "-q", "-m", message);
        return this;
    }

    public GitFixture append(String path, String text) {
        try {
            Files.writeString(dir.resolve(path), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GitFixture write(String path, String text) {
        try {
            Path p = dir.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code git args...} in the repository; a failure throws with git's output. */
    public String run(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_AUTHOR_NAME", "IT");
        env.put("GIT_AUTHOR_EMAIL", "it@example.com");
        env.put("GIT_COMMITTER_NAME", "IT");
        env.put("GIT_COMMITTER_EMAIL", "it@example.com");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + dir + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
