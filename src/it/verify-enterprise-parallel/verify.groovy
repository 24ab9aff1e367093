import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('thread count of 2')
assert !log.contains('not marked as thread-safe')
['orders-service', 'billing-service'].each { m ->
    def report = new JsonSlurper().parse(new File(basedir, "enterprise/${m}/target/confiture/verify.json"))
    assert report.status == 'passed'
    assert report.checks.find { it.name == 'down' }.status == 'passed'
}
return true
