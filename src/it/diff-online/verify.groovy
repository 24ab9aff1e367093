import groovy.json.JsonSlurper

def db = context.get('db')
try {
    def json = { name -> new JsonSlurper().parse(new File(basedir, "target/${name}")) }
    def text = { name -> new File(basedir, "target/${name}").text }
    def q = { sql ->
        db.connect().withCloseable { c ->
            def rs = c.createStatement().executeQuery(sql); def out = []; while (rs.next()) out << rs.getString(1); out
        }
    }
    def migrations = new File(basedir, 'db/migrations')

    // 2. five pairs with consecutive versions, each headed by the environment's lock_timeout
    def d2 = json('diff-2.json')
    assert d2.online == true
    assert d2.migrations*.name == ['orders_rules', 'orders_rules_validate', 'orders_rules_index_orders_customer_idx',
                                   'orders_rules_index_orders_code_key', 'orders_rules_keys']
    assert d2.migrations*.transactional == [true, true, false, false, true]
    assert d2.migrations*.up_file == ['db/migrations/002_orders_rules.up.sql', 'db/migrations/003_orders_rules_validate.up.sql',
                                      'db/migrations/004_orders_rules_index_orders_customer_idx.up.sql',
                                      'db/migrations/005_orders_rules_index_orders_code_key.up.sql',
                                      'db/migrations/006_orders_rules_keys.up.sql']
    d2.migrations.each { m -> assert m.up[0] == "SET lock_timeout = '3s'" && m.down[0] == "SET lock_timeout = '3s'" }
    def up2 = new File(migrations, '002_orders_rules.up.sql').text
    assert up2.contains('ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers(id) NOT VALID;')
    assert up2.contains('ADD CONSTRAINT status_not_null CHECK ((status IS NOT NULL)) NOT VALID;')
    assert new File(migrations, '003_orders_rules_validate.up.sql').text.contains(
            'ALTER TABLE public.orders VALIDATE CONSTRAINT status_not_null;\nALTER TABLE public.orders ALTER COLUMN status SET NOT NULL;')
    assert new File(migrations, '004_orders_rules_index_orders_customer_idx.up.sql').text.endsWith(
            "SET lock_timeout = '3s';\nCREATE INDEX CONCURRENTLY orders_customer_idx ON public.orders USING btree (customer_id);\n")
    assert new File(migrations, '006_orders_rules_keys.up.sql').text.contains(
            'ALTER TABLE public.orders ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_key;')

    // 3. lint: every migration linted, no finding
    def l3 = json('lint-3.json')
    assert l3.migrations.size() == 6
    assert l3.findings.isEmpty() && l3.ignored.isEmpty()

    // 4. applied, the CONCURRENTLY ones outside a transaction; indexes valid, constraints validated, status NOT NULL
    def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
    assert log.contains('Applying 005_orders_rules_index_orders_code_key ... ok')
    assert log =~ /Applying 004_orders_rules_index_orders_customer_idx \.\.\. ok \(\d+ ms\) \[outside a transaction\]/
    assert q('SELECT version FROM confiture_migrations ORDER BY version') == ['001', '002', '003', '004', '005', '006']
    assert q("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'orders'::regclass AND NOT indisvalid").isEmpty()
    assert q("SELECT conname FROM pg_constraint WHERE conrelid = 'orders'::regclass AND NOT convalidated").isEmpty()
    assert q("SELECT conname FROM pg_constraint WHERE conrelid = 'orders'::regclass ORDER BY conname") ==
            ['orders_amount_check', 'orders_code_key', 'orders_customer_fk', 'orders_pkey']
    assert q("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'status'") == ['t']

    // 5. nothing left between the database and the schema files
    assert json('diff-5.json').changes.isEmpty()

    // 6. online: true in the file, the default lock_timeout
    def t6 = text('diff-6.txt')
    assert t6.contains('online form: 5 migrations')
    assert t6.contains("SET lock_timeout = '5s';")
    assert t6.contains('CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON public.orders USING btree (code);')

    // 7. turned off on the command line: the plain form
    def t7 = text('diff-7.txt')
    assert !t7.contains('CONCURRENTLY') && !t7.contains('lock_timeout') && !t7.contains('NOT VALID')
    assert t7.contains('CREATE INDEX orders_customer_idx ON public.orders USING btree (customer_id);')
    return true
} finally {
    db.close()
}
