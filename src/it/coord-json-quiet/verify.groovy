import groovy.json.JsonSlurper
import dev.confiture.testing.TestDatabase
import dev.confiture.testing.TestPostgres

def dbName = new File(basedir, 'store-db.txt').text.trim()
try {
    // build.log is the build's standard output, plus the invoker's own hook lines: drop those, the rest must be JSON alone
    def out = new File(basedir, 'build.log').readLines()
            .findAll { !it.startsWith('Running pre-build script') && !it.startsWith('Finished pre-build script') && !it.startsWith('Running post-build script') }
            .join('\n')
    // No escape codes may remain: the project's .mvn/jvm.config (as confiture:init writes it) turns off
    // the colour resets Maven 3.8's console library writes even for a -q -B build.
    assert !out.contains('\u001b') : 'escape codes on standard output: ' + out.take(200)
    def report
    try {
        report = new JsonSlurper().parseText(out)
    } catch (Exception e) {
        throw new AssertionError('standard output is not JSON alone: ' + e.message + '\n---\n' + out.take(2000))
    }
    def aliceId = new File(basedir, 'alice-id.txt').text.trim()
    assert report.agent_id == 'bob'
    assert report.conflicts.size() == 1
    def c = report.conflicts[0]
    assert c.intent_id == aliceId
    assert c.agent_id == 'alice'
    assert c.feature_name == 'user_profiles'
    assert c.type == 'column'
    assert c.severity == 'error'
    assert c.objects == ['public.users.bio']
    assert c.suggestion == "Coordinate with alice (${aliceId}) on public.users.bio: both add this column; rebase onto feature/user_profiles_001 after it completes, or pick another name".toString()
    return true
} finally {
    new TestDatabase(TestPostgres.server(), dbName).close()
}
