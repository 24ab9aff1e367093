import dev.confiture.maven.it.EnterpriseFixture

// No git repository at all (validate could not run) and a down that does not undo its up.
EnterpriseFixture.copy(basedir)
        .write('billing-service/db/migrations/002_add_issued_at.down.sql', 'ALTER TABLE invoices DROP COLUMN issued_at;\n')
return true
