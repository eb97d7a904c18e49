#!/usr/bin/env bash
# Several Docker engines on this one machine, to try and test Podling's Cluster: each node is a dockerd
# in a network namespace of its own, joined to the others by one bridge, as separate machines on a LAN
# would be. The Cluster resource then forms the Swarm; this script only provides the engines.
#
#   scripts/lab-nodes.sh up [COUNT]   start COUNT engines (default 3), load the local podling images
#   scripts/lab-nodes.sh down         stop them and remove everything this script made
#   scripts/lab-nodes.sh stop NAME    stop one engine (a lost node); "start NAME" brings it back
#   scripts/lab-nodes.sh env          print each node's name, socket, address and TLS endpoint
#
# Each engine answers on its unix socket and, as a remote engine would, on tcp://ADDRESS:2376 with TLS
# (client certificates from a CA made here; DOCKER_CERT_PATH=$LAB/certs/client). The bridge holds
# .1 so that this machine reaches those endpoints.
#
# Needs root (namespaces, bridge, iptables), openssl (installed if missing), and a running Docker engine
# in the root namespace, whose images are copied into the nodes. Everything made carries the "podlab"
# prefix.
set -euo pipefail

LAB="${PODLING_LAB_DIR:-/var/lib/podling-lab}"
RUN="/var/run/podling-lab"
BRIDGE="podlab0"
SUBNET_PREFIX="${PODLING_LAB_SUBNET:-10.213.0}"   # the bridge is .1, nodes are .11, .12, ...
CERTS="$LAB/certs"
# The node agent's image is the one the provider runs (PODLING_AGENT_IMAGE), as the provider would find it.
IMAGES=(podling/pause:1 podling/netutil:1 podling/init:1 podling/busybox:1 podling/probe:1 "${PODLING_AGENT_IMAGE:-podling/agent:1}")
FORWARD_RULE=(FORWARD -i "$BRIDGE" -o "$BRIDGE" -m comment --comment podling-lab -j ACCEPT)

log() { printf '[podling lab] %s\n' "$*" >&2; }
die() { printf '[podling lab] ERROR: %s\n' "$*" >&2; exit 1; }

node_names() { ls "$RUN" 2>/dev/null | sed -n 's/\.sock$//p; s/\.addr$//p' | sort -u; }
socket_of() { echo "$RUN/$1.sock"; }
addr_of() { cat "$RUN/$1.addr"; }

engine_answers() { timeout 5 docker -H "unix://$(socket_of "$1")" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# A CA, a client certificate (DOCKER_CERT_PATH=$CERTS/client) and one server certificate per node address.
make_certs() {
  [ -f "$CERTS/client/key.pem" ] && return
  if ! command -v openssl >/dev/null; then
    command -v apt-get >/dev/null || die "openssl is needed for the nodes' TLS endpoints; install it"
    log "installing Debian's openssl"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
  fi
  mkdir -p "$CERTS/client"
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=podling-lab-ca" -keyout "$CERTS/ca-key.pem" -out "$CERTS/ca.pem" 2>/dev/null
  sign "$CERTS/client" podling-lab-client "extendedKeyUsage=clientAuth"
  cp "$CERTS/ca.pem" "$CERTS/client/ca.pem"
}

sign() {
  local dir="$1" cn="$2" ext="$3"
  mkdir -p "$dir"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$cn" -keyout "$dir/key.pem" -out "$dir/req.csr" 2>/dev/null
  printf '%s\n' "$ext" >"$dir/ext.cnf"
  openssl x509 -req -in "$dir/req.csr" -CA "$CERTS/ca.pem" -CAkey "$CERTS/ca-key.pem" -CAcreateserial -days 7 -extfile "$dir/ext.cnf" -out "$dir/cert.pem" 2>/dev/null
  rm -f "$dir/req.csr" "$dir/ext.cnf"
}

start_engine() {
  local name="$1" addr; addr="$(addr_of "$name")"
  mkdir -p "$LAB/$name" "$RUN/$name"
  rm -f "$RUN/$name.pid"
  [ -f "$CERTS/$name/cert.pem" ] || sign "$CERTS/$name" "$name" "$(printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth' "$addr")"
  # nsenter, not "ip netns exec": the latter remounts /sys and dockerd then finds no devices cgroup.
  # The engines share this machine's files, so each names its own socket for the node agent to mount
  # (the agent would otherwise mount /var/run/docker.sock, the root namespace's engine).
  nsenter --net="/var/run/netns/podlab-$name" \
    dockerd --data-root "$LAB/$name/data" --exec-root "$RUN/$name/exec" --pidfile "$RUN/$name.pid" \
      -H "unix://$(socket_of "$name")" -H "tcp://$addr:2376" --label "podling.io/engine-socket=$(socket_of "$name")" \
      --tlsverify --tlscacert "$CERTS/ca.pem" --tlscert "$CERTS/$name/cert.pem" --tlskey "$CERTS/$name/key.pem" \
      --bip 172.30.99.1/24 --default-address-pool base=172.29.0.0/16,size=24 \
      >>"$LAB/$name/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    engine_answers "$name" && { log "node $name: engine up at $(socket_of "$name"), address $addr"; return; }
    sleep 0.5
  done
  tail -n 20 "$LAB/$name/dockerd.log" >&2
  die "node $name: dockerd did not answer within 30s; see $LAB/$name/dockerd.log"
}

stop_engine() {
  local name="$1" pid
  pid="$(cat "$RUN/$name.pid" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

up() {
  local count="${1:-3}"
  [ "$(id -u)" = 0 ] || die "needs root (network namespaces, a bridge and iptables)"
  # The tests restart the root engine under this lock, and may do so while a cluster test starts the lab:
  # the images are read from the root engine only while it is certainly up.
  exec 9>/tmp/podling-root-engine.lock
  flock 9
  docker version >/dev/null 2>&1 || die "the Docker engine in the root namespace does not answer; run scripts/setup/docker-engine.sh"
  mkdir -p "$LAB" "$RUN"
  ip link show "$BRIDGE" >/dev/null 2>&1 || { ip link add "$BRIDGE" type bridge; ip addr add "$SUBNET_PREFIX.1/24" dev "$BRIDGE"; ip link set "$BRIDGE" up; }
  make_certs
  # The root engine's FORWARD policy is DROP, which also drops bridged traffic between the namespaces.
  iptables -C "${FORWARD_RULE[@]}" 2>/dev/null || iptables -I "${FORWARD_RULE[@]}"
  local archive="$LAB/images.tar"
  docker save "${IMAGES[@]}" -o "$archive"
  # Unlocked and closed, so that no engine started below inherits the descriptor.
  flock -u 9
  exec 9>&-
  for i in $(seq 1 "$count"); do
    local name="n$i" addr="$SUBNET_PREFIX.$((10 + i))"
    echo "$addr" >"$RUN/$name.addr"
    if [ ! -e "/var/run/netns/podlab-$name" ]; then
      ip netns add "podlab-$name"
      ip link add "podlab-$name" type veth peer name eth0 netns "podlab-$name"
      ip link set "podlab-$name" master "$BRIDGE" up
      ip -n "podlab-$name" addr add "$addr/24" dev eth0
      ip -n "podlab-$name" link set eth0 up
      ip -n "podlab-$name" link set lo up
    fi
    engine_answers "$name" || start_engine "$name"
    docker -H "unix://$(socket_of "$name")" load -q -i "$archive" >/dev/null
  done
  rm -f "$archive"
  log "$count node(s) ready with images: ${IMAGES[*]}"
}

down() {
  local name
  for name in $(node_names); do
    stop_engine "$name"
    # A killed engine can leave its containers' mounts behind, which would keep rm from finishing.
    grep -o " $LAB/$name/[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    grep -o " $RUN/$name/[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    ip link del "podlab-$name" 2>/dev/null || true
    ip netns del "podlab-$name" 2>/dev/null || true
    rm -rf "${LAB:?}/$name" "${RUN:?}/$name" "$RUN/$name.sock" "$RUN/$name.pid" "$RUN/$name.addr"
  done
  rm -rf "$CERTS"
  rmdir "$LAB" "$RUN" 2>/dev/null || true
  ip link del "$BRIDGE" 2>/dev/null || true
  while iptables -C "${FORWARD_RULE[@]}" 2>/dev/null; do iptables -D "${FORWARD_RULE[@]}"; done
  log "lab removed"
}

case "${1:-}" in
  up) up "${2:-3}" ;;
  down) down ;;
  stop) stop_engine "${2:?node name}"; log "node $2 stopped" ;;
  start) start_engine "${2:?node name}" ;;
  env) for name in $(node_names); do echo "$name unix://$(socket_of "$name") $(addr_of "$name") tcp://$(addr_of "$name"):2376"; done ;;
  *) die "usage: $0 up [COUNT] | down | stop NAME | start NAME | env" ;;
esac
