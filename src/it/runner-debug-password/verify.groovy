def log = new File(basedir, 'build.log').text
// the goals really ran, in debug mode
assert log.contains('[DEBUG]')
assert log =~ /Applying 001_things \.\.\. ok \(\d+ ms\)/
assert log =~ /Embedded PostgreSQL \d+\.\d+ on port \d+ \(data: target/
assert log.contains('Could not connect to jdbc:postgresql://127.0.0.1:1/nowhere as postgres')
// and neither password shows anywhere
assert !log.contains('Pw4Runner-Do-Not-Print'): 'confiture.password leaked into the build output'
assert !log.contains('UrlPw-Do-Not-Print'): 'the password in confiture.url leaked into the build output'
return true
