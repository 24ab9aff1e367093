def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
// validate, lint and verify, on the parent and both services.
assert log.count('Skipping confiture (confiture.skip=true)') == 9
['orders-service', 'billing-service'].each { m ->
    assert !new File(basedir, "enterprise/${m}/target/confiture/verify.json").exists()
}
return true
