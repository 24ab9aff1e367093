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

# Makes sure the plugin of this checkout is in the invoker's private repository $2 (version $3) that the
# benches run it from, never ~/.m2: with "--build" as $4 builds it there first; else, when it is missing,
# says how to build it and exits 2. $1 is the checkout's root; $5 the bench script, for the hint.
require_bench_plugin() {
  local root="$1" repo="$2" version="$3" flag="$4" script="$5"
  if [[ "$flag" == "--build" ]]; then
    (cd "$root" && mvn -B -q -pl confiture-maven-plugin -am verify -DskipTests -Dinvoker.test=none)
  fi
  if [[ ! -d "$repo/dev/confiture/confiture-maven-plugin/$version" ]]; then
    echo "The plugin is not in $repo yet. Build it with:" >&2
    echo "  (cd $root && mvn -B -q -pl confiture-maven-plugin -am verify -DskipTests -Dinvoker.test=none)" >&2
    echo "or run: $script --build" >&2
    exit 2
  fi
}
