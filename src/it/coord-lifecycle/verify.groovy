import groovy.json.JsonSlurper
import dev.confiture.testing.TestDatabase
import dev.confiture.testing.TestPostgres

def log = new File(basedir, 'build.log').text
// A missing line names itself instead of dumping the whole log.
def has = { s -> if (!log.contains(s.toString())) throw new AssertionError('build.log lacks: ' + s); true }
def dbName = new File(basedir, 'store-db.txt').text.trim()
try {
    def alice = new JsonSlurper().parse(new File(basedir, 'target/alice.json'))
    assert alice.status == 'REGISTERED'

    // 3-5: start, a second start refused naming the state, complete
    has("Intent ${alice.intent_id} marked as IN_PROGRESS, was REGISTERED")
    has("Intent ${alice.intent_id} is IN_PROGRESS; it cannot become IN_PROGRESS")
    has("Intent ${alice.intent_id} marked as COMPLETED (outcome success), was IN_PROGRESS")
    has('No longer blocking other agents from public.users, public.profiles')

    // 6: nothing left to conflict with
    has('No conflicts for bob with other agents\' active intents')

    // 7: status=all lists the completed intent, with the fields of a registration
    def status = new JsonSlurper().parse(new File(basedir, 'target/status.json'))
    assert status.intents*.agent_id == ['alice']
    assert status.intents*.status == ['COMPLETED']
    assert status.intents[0].keySet() == alice.keySet()
    return true
} finally {
    new TestDatabase(TestPostgres.server(), dbName).close()
}
