import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
def json = { name -> new JsonSlurper().parse(new File(basedir, "target/${name}")) }
def migrations = new File(basedir, 'db/migrations')

// 1. seed step 4: 001 from the empty file
def up1 = new File(migrations, '001_create_users_table.up.sql').text
def down1 = new File(migrations, '001_create_users_table.down.sql').text
assert up1.contains('CREATE SEQUENCE public.users_id_seq AS integer')
assert up1.contains('CREATE TABLE public.users (')
assert up1.contains('CONSTRAINT users_username_key UNIQUE (username)')
assert up1.contains('CREATE INDEX idx_users_email ON public.users USING btree (email)')
assert up1.contains('ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id')
assert down1.contains('-- WARNING: destructive: drop table public.users\nDROP TABLE public.users;')
assert log.contains('Wrote db/migrations/001_create_users_table.up.sql and db/migrations/001_create_users_table.down.sql')

// 2. the migrations produce the schema files
def d2 = json('diff-2.json')
assert d2.from == 'migrations' && d2.to == 'schema' && d2.mode == 'shadow'
assert d2.changes.isEmpty() && d2.up.isEmpty()

// 3. seed steps 8-9: from the pg_dump of the database (tracking table and all) to the new file
def d3 = json('diff-3.json')
assert d3.up == ['ALTER TABLE public.users ADD COLUMN bio text']
assert d3.down == ['-- WARNING: destructive: drop column public.users.bio\nALTER TABLE public.users DROP COLUMN bio']
assert d3.changes*.description == ['add column public.users.bio text']
assert d3.up_file == 'db/migrations/002_add_user_bio.up.sql'
assert new File(migrations, '002_add_user_bio.up.sql').text.endsWith('ALTER TABLE public.users ADD COLUMN bio text;\n')
assert new File(migrations, '002_add_user_bio.down.sql').text.contains('ALTER TABLE public.users DROP COLUMN bio;')

// 4. offline: all migrations equal the new schema
def d4 = json('diff-4.json')
assert d4.mode == 'offline' && d4.changes.isEmpty()

// 5. a missing source: a clear error, nothing written
assert log.contains("confiture.from='db/missing.sql' is neither a .sql file, a directory, 'schema', 'migrations' nor 'database'")
assert migrations.list().sort() == ['001_create_users_table.down.sql', '001_create_users_table.up.sql',
                                    '002_add_user_bio.down.sql', '002_add_user_bio.up.sql']
return true
