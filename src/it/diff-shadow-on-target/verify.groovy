import groovy.json.JsonSlurper

def db = context.db
try {
    def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
    // the scratch databases went on the environment's server
    assert log.contains("Shadow databases on the environment's server")
    def diff = new JsonSlurper().parse(new File(basedir, 'target/diff.json'))
    assert diff.mode == 'shadow'
    assert diff.up == ['ALTER TABLE public.t ADD COLUMN note text']
    return true
} finally {
    db.close()
}
