// Two databases, each with two tenant schemas; the environment file names them (written here: their names are random).
def eu = dev.confiture.testing.TestPostgres.newDatabase('it_fleet_eu')
def us = dev.confiture.testing.TestPostgres.newDatabase('it_fleet_us')
[eu, us].each { it.execute('CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b') }
context.put('eu', eu)
context.put('us', us)
def env = new File(basedir, 'db/environments/local.yaml')
env.parentFile.mkdirs()
env.text = """\
includes:
  - ../schema
fleet:
  databases:
    - { name: eu, url: "${eu.jdbcUrlWithCredentials()}" }
    - { name: us, url: "${us.jdbcUrlWithCredentials()}" }
  tenants:
    query: "select nspname from pg_namespace where nspname like 'tenant%' order by 1"
"""
// verify's scratch databases go on the same server
context.userProperties.put('confiture.shadowUrl', eu.jdbcUrlWithCredentials())
return true
