#!/usr/bin/env bash
# Provision a Docker engine and the buildx plugin on Debian 12 (bookworm), then start dockerd.
# Idempotent: each step is skipped when its result is already there. Run as root.
set -euo pipefail

log() { printf '[provision-docker] %s\n' "$*"; }

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
}

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io from Debian"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io iptables >/dev/null
fi

# The buildx plugin: Debian 12 has none, Debian 13 (trixie) packages it as docker-buildx.
# Fetch the .deb through a private apt configuration so the system's sources stay bookworm-only.
# It goes into the user's plugin folder (not /usr/libexec) so that a test can run the docker CLI
# truly without it by pointing DOCKER_CONFIG at an empty folder.
plugin_dir=${DOCKER_CONFIG:-${HOME:-/root}/.docker}/cli-plugins
if [ -x /usr/libexec/docker/cli-plugins/docker-buildx ] && [ ! -x "$plugin_dir/docker-buildx" ]; then
  log "moving the buildx plugin from /usr/libexec/docker/cli-plugins to $plugin_dir"
  mkdir -p "$plugin_dir"
  mv /usr/libexec/docker/cli-plugins/docker-buildx "$plugin_dir/docker-buildx"
fi
if ! docker buildx version >/dev/null 2>&1; then
  log "installing the buildx plugin from Debian 13's docker-buildx"
  mirror=$(bash "$(dirname "$0")/debian-mirror.sh")
  work=$(mktemp -d)
  mkdir -p "$work/lists/partial" "$work/archives/partial"
  echo "deb $mirror trixie main" >"$work/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=-"
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::Archives=$work/archives"
    -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=")
  # apt's _apt sandbox user cannot write into a root-owned mktemp dir; the warning is noise here.
  apt-get "${apt_opts[@]}" -o APT::Sandbox::User=root update -qq
  (cd "$work" && apt-get "${apt_opts[@]}" -o APT::Sandbox::User=root download docker-buildx >/dev/null)
  dpkg-deb -x "$work"/docker-buildx_*.deb "$work/root"
  mkdir -p "$plugin_dir"
  install -m 0755 "$work/root/usr/libexec/docker/cli-plugins/docker-buildx" "$plugin_dir/docker-buildx"
  rm -rf "$work"
fi

# Start dockerd unless an engine already answers.
# A pid counts as a running dockerd only if it is one: after kill -9 the pid file stays behind,
# its pid may be a zombie nobody reaps (kill -0 still succeeds) or belong to another process.
is_running_dockerd() {
  [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat")" != Z ] && [ "$(cat "/proc/$1/comm")" = dockerd ]
}
if ! docker info >/dev/null 2>&1; then
  pidfile=/var/run/docker.pid
  if [ -f "$pidfile" ] && ! is_running_dockerd "$(cat "$pidfile")"; then
    log "removing stale $pidfile (no dockerd runs as pid $(cat "$pidfile"))"
    rm -f "$pidfile"
  fi
  log "starting dockerd (log: /var/log/dockerd.log)"
  nohup dockerd >/var/log/dockerd.log 2>&1 </dev/null &
  dockerd_pid=$!
  for _ in $(seq 1 120); do
    if docker info >/dev/null 2>&1 || ! kill -0 "$dockerd_pid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  if ! docker info >/dev/null 2>&1; then
    log "dockerd is not answering; last lines of its log:"
    tail -n 30 /var/log/dockerd.log >&2 || true
    exit 1
  fi
fi
log "engine $(docker version --format '{{.Server.Version}}'), buildx $(docker buildx version | awk '{print $2}')"
