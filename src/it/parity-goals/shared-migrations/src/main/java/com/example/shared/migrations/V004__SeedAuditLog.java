package com.example.shared.migrations;

import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;

/** A Java migration shipped in the shared jar: the app runs it from its runtime class path. */
public class V004__SeedAuditLog implements Migration {

    @Override
    public void up(MigrationContext ctx) {
        ctx.execute("INSERT INTO audit_log (what) VALUES ('audit log installed by the shared jar')");
    }

    @Override
    public void down(MigrationContext ctx) {
        ctx.execute("DELETE FROM audit_log WHERE what = 'audit log installed by the shared jar'");
    }
}
