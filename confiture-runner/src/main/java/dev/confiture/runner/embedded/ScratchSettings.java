package dev.confiture.runner.embedded;

import dev.confiture.model.schema.Identifiers;

/**
 * What a scratch database is set to when it is made, on the embedded server as on a shadow server
 * the user names: it is dropped after use, so its sessions need not wait for each commit to reach
 * the disk ({@code synchronous_commit = off}; nothing else on the server changes, and a crash can
 * lose only that database's last commits, which nobody keeps).
 */
public final class ScratchSettings {

    private ScratchSettings() {
    }

    /** The statement that sets it up, run once right after its {@code CREATE DATABASE}. */
    public static String alterDatabase(String name) {
        return "ALTER DATABASE " + Identifiers.quote(name) + " SET synchronous_commit = off";
    }
}
