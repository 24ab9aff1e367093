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

# Writes to $1 a Maven settings file whose local repository is $2 (the invoker's private repository,
# confiture-maven-plugin/target/local-repo, which holds the plugin of this checkout) and whose only
# remote is ~/.m2/repository read as a plain file repository: the project resolves the plugin
# without `mvn install` and everything else from what ~/.m2 has cached, never writing to ~/.m2.
write_plugin_repo_settings() {
  cat > "$1" <<XML
<settings>
  <localRepository>$2</localRepository>
  <profiles><profile><id>m2</id><activation><activeByDefault>true</activeByDefault></activation>
    <repositories><repository><id>user-m2</id><url>file://$HOME/.m2/repository</url></repository></repositories>
    <pluginRepositories><pluginRepository><id>user-m2</id><url>file://$HOME/.m2/repository</url></pluginRepository></pluginRepositories>
  </profile></profiles>
</settings>
XML
}

# Makes $1 an empty bench project: db/schema, db/migrations, db/environments, and a pom.xml
# (artifactId $2) that declares the plugin at version $3. The bench writes its environment and files.
write_bench_project() {
  rm -rf "$1" && mkdir -p "$1/db/schema" "$1/db/migrations" "$1/db/environments"
  cat > "$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>$2</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>dev.confiture</groupId><artifactId>confiture-maven-plugin</artifactId><version>$3</version>
  </plugin></plugins></build>
</project>
POM
}

# The value of property $2 (e.g. jgit.version) in the <properties> of the checkout's root POM, $1 the checkout.
pom_property() { sed -n "s:.*<$2>\(.*\)</$2>.*:\1:p" "$1/pom.xml" | head -1; }

# The median of the numbers given as arguments (the lower middle one for an even count).
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Makes $1 the project verify-bench.sh and verify-ab.sh time (artifactId $2, plugin version $3): the
# schema file $4 both as the schema and as the one migration that creates it, on the embedded default.
write_verify_bench_project() {
  write_bench_project "$1" "$2" "$3"
  printf 'name: local\nincludes:\n  - ../schema\ndatabase: { embedded: true }\n' >"$1/db/environments/local.yaml"
  cp "$4" "$1/db/schema/adventureworks.sql"
  cp "$4" "$1/db/migrations/001_create_adventureworks.up.sql"
}
