// The project's driver, not the plugin's, is the one in the realm: the plugin's jar carries only
// Confiture's own classes (its modules are shaded in; third-party libraries stay artifacts).
def db = context.get('db')
try {
    def log = new File(basedir, 'build.log').text
    def realm = log.substring(log.indexOf('Populating class realm plugin>dev.confiture:confiture-maven-plugin'))
    realm = realm.substring(0, realm.indexOf('Configuring mojo'))
    def drivers = realm.readLines().findAll { it.contains('Included: org.postgresql:postgresql:jar:') }
    assert drivers.size() == 1 && drivers[0].endsWith(':42.7.13'): "the realm's drivers: ${drivers}\n${realm}"
    // Confiture's modules are in the plugin's jar, not in the realm as artifacts of their own
    def modules = realm.readLines().findAll { it.contains('Included: dev.confiture:') && !it.contains(':confiture-maven-plugin:') }
    assert modules.isEmpty(): "Confiture modules in the realm as artifacts: ${modules}"
    def version = (realm =~ /Included: dev\.confiture:confiture-maven-plugin:jar:(\S+)/)[0][1]
    def jar = new File(localRepositoryPath, "dev/confiture/confiture-maven-plugin/${version}/confiture-maven-plugin-${version}.jar")
    def entries = new java.util.zip.ZipFile(jar).withCloseable { z -> z.entries().collect { it.name } }
    assert entries.any { it.startsWith('dev/confiture/runner/') }: "no runner classes in ${jar}"
    assert !entries.any { it.startsWith('org/postgresql/') }: "${jar} carries the driver, which would hide the project's"
    assert log.contains('Applied 1 migration(s)'): log
    db.connect().withCloseable { c ->
        def rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'things'")
        rs.next()
        assert rs.getInt(1) == 1: 'migrate did not create the table'
    }
} finally {
    db.close()
}
return true
