import groovy.json.JsonSlurper
import dev.confiture.testing.TestDatabase
import dev.confiture.testing.TestPostgres

def log = new File(basedir, 'build.log').text
// A missing line names itself instead of dumping the whole log.
def has = { s -> if (!log.contains(s.toString())) throw new AssertionError('build.log lacks: ' + s); true }
def matches = { re -> if (!(log =~ re.toString())) throw new AssertionError('build.log matches no: ' + re); true }
def dbName = new File(basedir, 'store-db.txt').text.trim()
try {
    // 1-2: init, then init again is a no-op
    has('Applied store step 1: intents, intent objects, conflicts, history, feature sequences')
    has('Applied store step 2: intents belong to the database role that registered them')
    has('Applied store step 3: conflicts computed from intent_objects when read')
    has('Applied store step 4: registrations analyse intent_objects and intents')
    has('Applied store step 5: the check reads overlapping objects through overlapping_objects')
    has('is up to date (schema confiture_coordination, version 5)')

    // 3: alice registers; the JSON answer has the contract's fields
    def alice = new JsonSlurper().parse(new File(basedir, 'target/alice.json'))
    assert alice.keySet() == ['intent_id', 'agent_id', 'feature_name', 'branch', 'status', 'risk_level', 'tables', 'registered_at', 'conflicts', 'owner_role'] as Set
    // the intent belongs to the role the build logged in as
    assert alice.owner_role == TestPostgres.server().user()
    assert alice.intent_id ==~ /int_[0-9a-f]{12}/
    assert alice.branch == 'feature/user_profiles_001'
    assert alice.status == 'REGISTERED'
    assert alice.risk_level == 'medium'
    assert alice.tables == ['public.users', 'public.profiles']
    assert alice.conflicts == []

    // 4: bob's check fails the build, naming alice, her intent and a suggestion
    has('Conflict detected!')
    has("[WARNING] alice is working on table public.users (${alice.intent_id}, feature user_profiles)")
    has("Suggestion: Coordinate with alice (${alice.intent_id}) on public.users")
    has('1 conflict(s) with other agents\' active intents')
    has('Set -Dconfiture.failOnConflict=false to report without failing.')

    // 5: with failOnConflict=false, -q and format=json the same conflict is reported as JSON, clean
    def check = new JsonSlurper().parse(new File(basedir, 'target/check.json'))
    assert check.keySet() == ['agent_id', 'conflicts'] as Set
    assert check.agent_id == 'bob'
    assert check.conflicts.size() == 1
    def c = check.conflicts[0]
    assert c.keySet() == ['intent_id', 'agent_id', 'feature_name', 'type', 'severity', 'objects', 'suggestion'] as Set
    assert c.intent_id == alice.intent_id && c.agent_id == 'alice' && c.feature_name == 'user_profiles'
    assert c.type == 'table' && c.severity == 'warning' && c.objects == ['public.users']

    // 6: the status table
    matches(/\| Intent ID\s+\| Agent\s+\| Feature\s+\| Branch\s+\| Status\s+\| Risk\s+\| Conflicts \|/)
    matches(/\| ${alice.intent_id} \| alice\s+\| user_profiles \| feature\/user_profiles_001 \| REGISTERED\s+\| medium \| 0\s+\|/)
    return true
} finally {
    new TestDatabase(TestPostgres.server(), dbName).close()
}
