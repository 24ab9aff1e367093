import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Validation passed')
assert log.contains('003_add_phone.up.sql')

def report = new JsonSlurper().parse(new File(basedir, 'target/confiture/validate.json'))
assert report.status == 'passed'
assert report.target == 'index'
assert report.checks*.name == ['migration', 'drift']
assert report.checks.every { it.status == 'passed' && it.findings.isEmpty() }

// JGit went into the plugin's realm as its copy without signatures, made in the cache folder the build named
def copies = new File(basedir, 'target/machine-cache/unsigned-jars').listFiles()
assert copies != null && copies*.name.any { it.startsWith('org.eclipse.jgit-') && it.endsWith('.jar') }
assert !copies*.name.any { it.endsWith('.partial') }
return true
