import java.nio.file.Files
import java.nio.file.StandardCopyOption

// Runs examples/quickstart as it is in the repository (its pom.xml and db/ copied over this folder),
// with the report declared under <reporting> as docs/report.md shows, for `mvn site`.
def root = basedir.canonicalFile.parentFile.parentFile.parentFile.parentFile  // target/it/<this> -> repository root
def example = new File(root, 'examples/quickstart').toPath()
assert Files.isRegularFile(example.resolve('pom.xml')): "examples/quickstart not found from ${basedir}"
def target = basedir.toPath()
Files.walk(example).withCloseable { paths ->
    paths.filter { p -> !example.relativize(p).toString().startsWith('target') }.each { p ->
        def dest = target.resolve(example.relativize(p).toString())
        if (Files.isDirectory(p)) {
            Files.createDirectories(dest)
        } else {
            Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING)
        }
    }
}
// a third migration lint has something to say about: an index built on the applied users table
def indexing = new File(basedir, 'db/migrations/003_index_users_created_at.up.sql')
indexing.text = '-- the back office sorts users by sign-up date\nCREATE INDEX idx_users_created_at ON users (created_at);\n'
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('</project>', '''  <reporting>
    <excludeDefaults>true</excludeDefaults>
    <plugins>
      <plugin>
        <groupId>dev.confiture</groupId>
        <artifactId>confiture-maven-plugin</artifactId>
        <version>${confiture.version}</version>
      </plugin>
    </plugins>
  </reporting>
</project>''')
// mvn site with the site plugin docs/report.md names (Maven's default 3.3 predates the report API)
pom.text = pom.text.replace('<build>', '''<build>
    <pluginManagement>
      <plugins>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-site-plugin</artifactId><version>3.21.0</version></plugin>
      </plugins>
    </pluginManagement>''')
return true
