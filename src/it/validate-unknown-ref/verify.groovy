def log = new File(basedir, 'build.log').text
assert log.contains("Base ref 'origin/main' does not exist in this repository")
assert log.contains('git fetch origin main')
assert log.contains('fetch-depth: 0')
assert log.contains('MojoExecutionException')
assert !new File(basedir, 'target/confiture/validate.json').exists()
return true
