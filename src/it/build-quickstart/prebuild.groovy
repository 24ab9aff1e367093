import java.nio.file.Files
import java.nio.file.StandardCopyOption

// Runs examples/quickstart as it is in the repository: its pom.xml and db/ are copied over this folder.
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
return true
