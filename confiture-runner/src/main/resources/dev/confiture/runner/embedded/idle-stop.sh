# Stops a project's embedded PostgreSQL once no build has used it for a while (see SharedServer.java).
# Arguments: data folder, users folder, stopping folder, idle minutes. POSIX sh and find only.
trap '' INT HUP QUIT
data=$1; users=$2; stopping=$3; minutes=$4
while :; do
  sleep 30
  # Gone (mvn clean, a crash, a stop by hand): nothing left to watch.
  [ -f "$data/postmaster.pid" ] || exit 0
  pid=$(head -n 1 "$data/postmaster.pid")
  kill -0 "$pid" 2>/dev/null || exit 0
  busy=
  for f in "$users"/*; do
    [ -e "$f" ] || continue
    if kill -0 "${f##*/}" 2>/dev/null; then busy=1; else rm -f "$f"; fi
  done
  [ -n "$busy" ] && continue
  # The users folder changes whenever a build starts or ends using the server.
  [ -n "$(find "$users" -prune -mmin +"$minutes")" ] || continue
  mkdir "$stopping" 2>/dev/null || continue
  # A build that registered itself just before the mkdir wins: it sees no stopping folder, or we see it.
  busy=
  for f in "$users"/*; do
    [ -e "$f" ] && kill -0 "${f##*/}" 2>/dev/null && busy=1
  done
  if [ -z "$busy" ]; then
    echo "confiture: no build used this server for $minutes minutes: stopping it"
    kill -INT "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 1; done
    rmdir "$stopping"
    exit 0
  fi
  rmdir "$stopping"
done
