// A setup job must not fail the ITs it only speeds up: a JVM that cannot write the archive (not
// HotSpot, or a read-only target/) leaves the other steps on ordinary class loading, said here.
def db = context.get('db')
try {
    def archive = new File(basedir, '../../it-classes.jsa')
    println(archive.isFile() ? "class-data archive for the IT steps: ${archive.canonicalPath} (${archive.length()} bytes)"
            : "no class-data archive written (${archive.canonicalPath}): the IT steps load their classes as usual")
} finally {
    db?.close()
}
return true
