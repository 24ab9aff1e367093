# Shared by the bench scripts; source it, do not run it.

# Writes to $1 a Maven settings file whose only repository is ~/.m2/repository, read as a plain
# file repository: a bench runs with its own -Dmaven.repo.local (the invoker's private repository,
# which holds the plugin of this checkout) and still reuses what ~/.m2 has cached, without ever
# writing to ~/.m2.
write_bench_settings() {
  cat > "$1" <<XML
<settings>
  <profiles>
    <profile>
      <id>bench</id>
      <activation><activeByDefault>true</activeByDefault></activation>
      <repositories>
        <repository><id>user-cache</id><url>file://$HOME/.m2/repository</url>
          <releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>user-cache</id><url>file://$HOME/.m2/repository</url>
          <releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
</settings>
XML
}
