def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('column public.orders.shipped_at')
assert log.contains('no migration')
// It failed in validate, on orders-service, before any verify ran there.
assert log.contains('confiture-maven-plugin:0.1.0-SNAPSHOT:validate (confiture-validate) on project orders-service')
assert !log.contains(':verify (confiture-verify) @ orders-service')
return true
