// What the user keeps where the project's embedded PostgreSQL would put its data.
def folder = new File(basedir, 'target/confiture/postgres')
folder.mkdirs()
new File(folder, 'notes.txt').text = 'mine'
return true
