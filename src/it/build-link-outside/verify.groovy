def log = new File(basedir, 'build.log').text
def link = new File(basedir, 'db/schema/99_passwd.sql').toPath().toAbsolutePath().normalize().toString()
assert log.contains(link + ' is a symbolic link to /etc/passwd'): 'the error must name the link and its target'
assert log.contains('allow_external_includes: true'): 'the error must say how to allow it'
assert !log.contains('root:x:0:0'): 'nothing of /etc/passwd may reach the log'
assert !new File(basedir, 'target/confiture/schema_local.sql').exists(): 'no script may be written'
return true
