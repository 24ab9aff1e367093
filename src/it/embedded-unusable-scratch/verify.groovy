def log = new File(basedir, 'build.log').text
def lines = log.readLines()

// One warning per goal, naming why the project's server cannot be used; both goals still did their work
def warnings = lines.findAll { it.startsWith('[WARNING] The project\'s embedded PostgreSQL cannot host this goal\'s scratch databases') }
assert warnings.size() == 2: warnings
assert warnings.every { it.contains('go to a throwaway server instead') && it.contains('holds no PostgreSQL data') }: warnings
assert log.contains('Verify passed')
assert log.contains('No differences between migrations and schema.')

// The user's folder is as it was, and no project server was started in it
def folder = new File(basedir, 'target/confiture/postgres')
assert folder.list() as List == ['notes.txt']
assert new File(folder, 'notes.txt').text == 'mine'
return true
