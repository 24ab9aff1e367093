// Git and the invoker's copy do not keep symbolic links reliably, so the link is made here.
import java.nio.file.Files
import java.nio.file.Paths

def link = new File(basedir, 'db/schema/99_passwd.sql').toPath()
Files.deleteIfExists(link)
Files.createSymbolicLink(link, Paths.get('/etc/passwd'))
return true
