// Two databases with two tenant schemas each; eu/tenant_b already has a table items, so 001 fails there.
def eu = dev.confiture.testing.TestPostgres.newDatabase('it_fleetf_eu')
def us = dev.confiture.testing.TestPostgres.newDatabase('it_fleetf_us')
[eu, us].each { it.execute('CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b') }
eu.execute('CREATE TABLE tenant_b.items (id int)')
context.put('eu', eu)
context.put('us', us)
def env = new File(basedir, 'db/environments/local.yaml')
env.parentFile.mkdirs()
env.text = """\
fleet:
  databases:
    - { name: eu, url: "${eu.jdbcUrlWithCredentials()}" }
    - { name: us, url: "${us.jdbcUrlWithCredentials()}" }
  tenants:
    list: [tenant_a, tenant_b]
"""
return true
