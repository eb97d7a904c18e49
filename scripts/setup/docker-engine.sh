#!/usr/bin/env bash
# Ensures a Docker engine answers: DOCKER_HOST or /var/run/docker.sock if one already does, otherwise
# Debian's docker.io installed and dockerd started in the background (there is no systemd here).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

engine_answers() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if command -v docker >/dev/null && engine_answers; then
  log "Docker engine answers ($(docker version --format '{{.Server.Version}}'))"
  exit 0
fi
[ -n "${DOCKER_HOST:-}" ] && die "DOCKER_HOST=$DOCKER_HOST is set but no engine answers there"
[ "$(id -u)" = 0 ] || die "no Docker engine answers and installing one needs root: start Docker, or rerun as root"

if ! command -v dockerd >/dev/null; then
  command -v apt-get >/dev/null || die "no Docker engine and no apt-get to install one: install Docker and rerun"
  log "installing Debian's docker.io"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi

# A dockerd that was killed (a session ending) leaves pid files behind that stop the next one starting.
for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
  if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then rm -f "$pidfile"; fi
done

dockerd_log="${PODLING_DOCKERD_LOG:-/var/log/podling-dockerd.log}"
log "starting dockerd (log: $dockerd_log)"
# A session of its own: a test or tool that ends its own process group must not take the engine with it.
setsid nohup dockerd >>"$dockerd_log" 2>&1 </dev/null &
for _ in $(seq 1 60); do
  if [ -S /var/run/docker.sock ] && engine_answers; then
    log "Docker engine started ($(docker version --format '{{.Server.Version}}'))"
    exit 0
  fi
  sleep 1
done
tail -n 20 "$dockerd_log" >&2 || true
die "dockerd did not answer on /var/run/docker.sock within 60s; see $dockerd_log"
