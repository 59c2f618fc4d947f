#!/usr/bin/env bash
# Starts (start DIR PORT) or stops (stop DIR) a throw-away local PostgreSQL server for the test lane.
# Installs the server from Debian when it is missing. PostgreSQL refuses to run as root, so it runs as 'postgres'.
set -euo pipefail
action="${1:?usage: pg-test-server.sh start DIR PORT | stop DIR}"
dir="${2:?directory}"

find_bin() {
  command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

case "$action" in
  start)
    port="${3:?port}"
    if [ -z "$(find_bin initdb)" ]; then
      echo "Installing PostgreSQL from Debian's packages"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
      useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    initdb=$(find_bin initdb); pg_ctl=$(find_bin pg_ctl)
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    as_postgres "$initdb -D $dir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
    # The server's data are thrown away after the run, so it need not survive a crash: no fsync, no waiting for the WAL
    # at commit, no full-page images (each cuts the lane's I/O and commit latency; never do this on a real server).
    as_postgres "$pg_ctl -D $dir/data -l $dir/pg.log -w -o \"-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start >/dev/null"
    echo "PostgreSQL listening on 127.0.0.1:$port"
    ;;
  stop)
    pg_ctl=$(find_bin pg_ctl)
    [ -d "$dir/data" ] && as_postgres "$pg_ctl -D $dir/data -m fast -w stop >/dev/null" || true
    rm -rf "$dir"
    ;;
esac
