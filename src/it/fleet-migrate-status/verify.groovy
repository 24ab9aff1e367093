def eu = context.get('eu')
def us = context.get('us')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Fleet status: 4 target(s): 0 applied, 0 up to date, 4 pending, 0 failed, 0 not started')
    assert log.contains('Fleet migrate: 4 target(s): 4 applied, 0 up to date, 0 failed, 0 not started')
    assert log =~ /\[us\/tenant_b\] Applying 002_first_item \.\.\. ok/
    [eu, us].each { db ->
        db.connect().withCloseable { c ->
            ['tenant_a', 'tenant_b'].each { t ->
                def rs = c.createStatement().executeQuery("SELECT count(*) FROM ${t}.confiture_migrations")
                assert rs.next() && rs.getInt(1) == 2
            }
        }
    }
    def status = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/status-3.json'))
    assert status.goal == 'status'
    assert status.outcomes.collect { it.target } == ['eu/tenant_a', 'eu/tenant_b', 'us/tenant_a', 'us/tenant_b']
    assert status.outcomes.every { it.state == 'UP_TO_DATE' && it.current_version == '002' }
    def fleet = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/confiture/fleet.json'))
    assert fleet.goal == 'verify'
    assert fleet.outcomes.every { it.state == 'PASSED' }
    assert log.contains("-Dconfiture.targets names 'asia', which matches no target")
    assert log.contains('Fleet verify: 4 target(s): 4 passed, 0 failed, 0 not started')
    assert log.contains('checksum  skipped checked on each fleet target')
    assert log =~ /eu\/tenant_a\s+passed\s.*2 applied migration\(s\) match the files/
    assert log.contains("confiture.dryRun and confiture.dryRunOutput do not work with a fleet yet")
    return true
} finally {
    eu.close()
    us.close()
}
