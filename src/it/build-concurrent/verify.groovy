// Six `mvn confiture:migrate` processes started at once on one database. Each must succeed; the
// advisory lock must make every migration run exactly once (the INSERT in each migration would
// leave a second row, and CREATE TABLE would fail, if one ran twice).
def db = context.get('db')
try {
    def processes = 6
    def migrations = 30
    def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
    // The IT build resolved everything into the IT repository through the repository id
    // 'local.central' (src/it/settings.xml): offline, with the same id, nothing is fetched.
    def outerRepo = System.getProperty('maven.repo.local') ?: new File(System.getProperty('user.home'), '.m2/repository').absolutePath
    def settings = new File(basedir, 'target/concurrent-settings.xml')
    settings.parentFile.mkdirs()
    settings.text = """<settings><profiles><profile><id>it-repo</id><activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>local.central</id><url>${new File(outerRepo).toURI()}</url></repository></repositories>
<pluginRepositories><pluginRepository><id>local.central</id><url>${new File(outerRepo).toURI()}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
    def started = (1..processes).collect { n ->
        def pb = new ProcessBuilder(mvn, '-B', '-o', '-s', settings.absolutePath, "-Dmaven.repo.local=${localRepositoryPath}",
                'confiture:migrate', "-Dconfiture.url=${db.jdbcUrlWithCredentials()}", '-Dconfiture.lockTimeout=300')
        pb.directory(basedir)
        pb.environment().put('MAVEN_OPTS', '-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1')
        pb.redirectErrorStream(true)
        pb.redirectOutput(new File(basedir, "target/concurrent-${n}.log"))
        [n, pb.start()]
    }
    started.each { n, p ->
        assert p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES): "mvn #${n} did not finish in 10 minutes"
        assert p.exitValue() == 0: "mvn #${n} failed:\n" + new File(basedir, "target/concurrent-${n}.log").text
    }
    def logs = (1..processes).collect { new File(basedir, "target/concurrent-${it}.log").text }
    def applying = logs.collect { text -> text.readLines().findAll { it =~ /Applying \d{3}_\S+ \.\.\. ok/ }.collect { (it =~ /Applying (\d{3})_/)[0][1] } }
    def all = applying.flatten()
    assert all.size() == migrations: "expected ${migrations} 'Applying' lines over all processes, found ${all.size()}: ${applying}"
    assert all.toSet().size() == migrations
    println "build-concurrent: migrations applied per process: ${applying.collect { it.size() }}"

    db.connect().withCloseable { c ->
        def one = { sql -> def rs = c.createStatement().executeQuery(sql); rs.next(); rs.getString(1) }
        assert one("SELECT count(*) FROM confiture_migrations") == "${migrations}"
        assert one("SELECT count(DISTINCT version) FROM confiture_migrations") == "${migrations}"
        assert one("SELECT count(*) FROM applied_log") == "${migrations - 1}"
        assert one("SELECT count(DISTINCT version) FROM applied_log") == "${migrations - 1}"
        assert one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't%'") == "${migrations - 1}"
        assert one("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == '0'
    }
    return true
} finally {
    db.close()
}
