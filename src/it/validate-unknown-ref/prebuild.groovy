import dev.confiture.maven.it.GitFixture

GitFixture.init(basedir).commitAll('Initial schema')
return true
