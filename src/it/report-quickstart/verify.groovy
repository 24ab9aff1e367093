def log = new File(basedir, 'build.log').text

// 1. confiture:report on the embedded database: 001 applied (when, by whom, how long), 002 pending with its SQL
assert log.contains('Report of jdbc:postgresql://')
assert log =~ /Report written to .*target\/confiture\/report\/index\.html/
def page = new File(basedir, 'target/confiture/report/index.html').text
assert page.startsWith('<!DOCTYPE html>')
assert page =~ /<li class="mig applied" id="m-001">.*001_create_users_table.*applied [0-9T:.\-+Z]+ by \w+ in \d+ ms/
assert page =~ /<li class="mig pending" id="m-002">.*002_add_user_bio/
assert page.contains('<article class="change" id="p-002"><h3>002_add_user_bio</h3>')
assert page.contains('ALTER TABLE public.users')
// lint's findings on the pending migrations, judged against the applied schema, the line marked in the SQL
assert page =~ /<p class="lint-summary">Lint \(PostgreSQL \d+\): <span class="badge error">1 error<\/span>/
assert page.contains('<b class="rule">require-concurrent-index-creation</b> <a class="line" href="#p-003-l2">line 2</a>')
assert page.contains('<span class="l flag error" id="p-003-l2" data-rule="require-concurrent-index-creation">')
assert page.contains('<article class="change" id="p-002"><h3>002_add_user_bio</h3><p class="src">db/migrations/002_add_user_bio.up.sql</p><p class="lint-clean">Lint: no findings.</p>')
assert page.contains('data-n="public.users"')
assert page.contains('from the database catalog')
assert !page.contains('<script src') && !page.contains('<link ')

// 2. mvn site: the same report, linked from the site
def site = new File(basedir, 'target/site/confiture/index.html')
assert site.isFile(): 'mvn site wrote no target/site/confiture/index.html'
assert site.text.contains('002_add_user_bio') && site.text.contains('data-n="public.users"')

// 3. from the files alone
def files = new File(basedir, 'target/files-only/index.html').text
assert files.contains('From the files alone')
assert files.contains('from the schema files')
return true
