package dev.confiture.git;

import java.util.concurrent.CompletableFuture;

import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * The work a cold JVM does before validate can answer that depends on neither the repository nor the
 * range, started on two other threads as soon as the goal starts, so that it overlaps with Maven
 * reading the environment and with the first git reads (the machines validate runs on have two cores
 * or more). Profiled on the bench repository, a cold {@code mvn confiture:validate} spent most of its
 * time there: loading JGit (a signed jar, whose signature is checked on its first class), JGit asking
 * the {@code git} executable where the system configuration is (two processes), and loading and first
 * running the DDL interpreter and the diff engine. The last is {@link InterpreterWarmUp}, which needs no
 * JGit: a caller that makes JGit loadable only at run time starts it first, then {@link #beginGit()}.
 *
 * <p>Nothing computed here is kept but loaded classes and JGit's own configuration caches, which JGit
 * checks against the files on every use: the answer is the one a run without it gives. A failure here
 * is ignored; the same step fails again on the main thread, where it is reported.
 */
final class ColdStart {

    private final CompletableFuture<Void> git;

    private ColdStart(CompletableFuture<Void> git) {
        this.git = git;
    }

    static ColdStart begin() {
        ColdStart started = beginGit();
        InterpreterWarmUp.start();
        return started;
    }

    /** The JGit part alone: for a caller that started {@link InterpreterWarmUp} itself. */
    static ColdStart beginGit() {
        return new ColdStart(Aside.run("confiture-validate-git-warm-up", ColdStart::warmGit));
    }

    /**
     * Waits for the JGit part, so that the main thread opens the repository with JGit loaded and its
     * configuration found, and never runs the same discovery at the same time.
     */
    void awaitGit() {
        git.exceptionally(e -> null).join();
    }

    static void warmGit() {
        FS.DETECTED.getGitSystemConfig();
        try {
            SystemReader.getInstance().getUserConfig();
        } catch (Exception e) {
            // an unreadable configuration is reported when the repository is opened
        }
    }
}
