#!/usr/bin/env bash
# Builds the local images that the demo and the tests use, once per tag: no registry is needed.
#   podling/pause:1    the infra ("pause") container that owns a pod's network namespace
#   podling/busybox:1  a ~2 MB toolbox (sh, httpd, nc, wget, ip, nslookup) for demo and test workloads
#   podling/netutil:1  Debian minbase with iptables, iproute2, nsenter and dnsmasq: service routers and cluster DNS
#   podling/probe:1    busybox plus tools/probe, the TCP/UDP workload of the reachability tests
#   podling/init:1     only tools/podinit's binary: PID 1 of app containers (signals, reaping, probes)
#   podling/agent:1    netutil plus tools/agent: the node agent that holds pods and rules across restarts
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

busybox_bin() {
  if [ ! -x /bin/busybox ] || ! /bin/busybox --list | grep -qx httpd; then
    command -v apt-get >/dev/null || die "need Debian's busybox-static (or /bin/busybox with httpd) to build images"
    log "installing Debian's busybox-static"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
  fi
  file -L /bin/busybox 2>/dev/null | grep -q dynamically && die "/bin/busybox is dynamically linked; install busybox-static"
  echo /bin/busybox
}

# $1 = tag; remaining args = `docker import --change` lines. EXTRA_BIN=path adds that binary to /bin.
import_busybox_rootfs() {
  local tag="$1"; shift
  local dir; dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' RETURN
  mkdir -p "$dir"/{bin,etc,tmp,www,proc,sys,dev,root}
  cp "$(busybox_bin)" "$dir/bin/busybox"
  [ -z "${EXTRA_BIN:-}" ] || cp "$EXTRA_BIN" "$dir/bin/"
  for applet in $("$dir/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$dir/etc/passwd"
  echo 'root:x:0:' >"$dir/etc/group"
  chmod 1777 "$dir/tmp"
  local changes=(--change 'ENV PATH=/bin' --change 'LABEL podling.io/image=true')
  for c in "$@"; do changes+=(--change "$c"); done
  tar -C "$dir" -c . | docker import "${changes[@]}" - "$tag" >/dev/null
  log "built $tag"
}

have_image podling/busybox:1 || import_busybox_rootfs podling/busybox:1 'CMD ["sh"]'
# PID 1 of the sandbox: sleeps until told to stop, and stops at once on SIGTERM.
have_image podling/pause:1 || import_busybox_rootfs podling/pause:1 \
  'ENTRYPOINT ["/bin/sh", "-c", "trap \"exit 0\" TERM INT; while :; do sleep 86400 & wait $!; done"]'
# Debian's own mirror, as apt on this machine is configured, unless PODLING_DEBIAN_MIRROR says otherwise.
debian_mirror() {
  if [ -n "${PODLING_DEBIAN_MIRROR:-}" ]; then echo "$PODLING_DEBIAN_MIRROR"; return; fi
  local uri
  uri="$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n 1)"
  [ -n "$uri" ] || uri="$(grep -hsE '^deb ' /etc/apt/sources.list | awk '{print $2}' | head -n 1)"
  [ -n "$uri" ] || die "no Debian mirror in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list: set PODLING_DEBIAN_MIRROR to the mirror's URL and rerun"
  echo "$uri"
}

build_netutil() {
  command -v debootstrap >/dev/null || {
    log "installing debootstrap"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  local dir; dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' RETURN
  log "building podling/netutil:1 with debootstrap from $(debian_mirror) (about a minute)"
  debootstrap --variant=minbase --include=iptables,iproute2,dnsmasq-base,conntrack,util-linux bookworm "$dir/root" "$(debian_mirror)" >"$dir/log" 2>&1 ||
    { tail -n 20 "$dir/log" >&2; die "debootstrap failed"; }
  rm -rf "$dir"/root/var/cache/apt/archives/*.deb "$dir"/root/var/lib/apt/lists/* "$dir"/root/usr/share/{doc,man,locale}
  mkdir -p "$dir/root/etc/podling/dns"
  tar -C "$dir/root" -c . | docker import --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' --change 'LABEL podling.io/image=true' - podling/netutil:1 >/dev/null
  log "built podling/netutil:1"
}
have_image podling/netutil:1 || build_netutil

# The hash of what goes into a binary of tools/ (one Go module): go.mod, go.sum, and the non-test sources
# of the package $1 and of each package of the module that it imports. An image is rebuilt when it changes.
go_source_hash() {
  command -v go >/dev/null || die "building the images of tools/ needs Go"
  (cd "$PODLING_ROOT/tools" &&
    go list -deps -f '{{if not .Standard}}{{range .GoFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}{{end}}' "./$1" |
    xargs cat go.mod $(ls go.sum 2>/dev/null) | sha256sum | cut -c1-16)
}
# $1 = package in tools/, $2 = output binary.
go_build_tool() {
  (cd "$PODLING_ROOT/tools" && CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$2" "./$1") || die "building tools/$1 failed"
}
image_hash() { docker image inspect -f '{{index .Config.Labels "podling.io/source-hash"}}' "$1" 2>/dev/null || true; }

# The reachability-test workload (tools/probe).
probe_hash="$(go_source_hash probe)"
if [ "$(image_hash podling/probe:1)" != "$probe_hash" ]; then
  bin_dir="$(mktemp -d)"
  go_build_tool probe "$bin_dir/podling-probe"
  EXTRA_BIN="$bin_dir/podling-probe" import_busybox_rootfs podling/probe:1 "LABEL podling.io/source-hash=$probe_hash" 'CMD ["sh"]'
  rm -rf "$bin_dir"
fi
# podling-init (tools/podinit), PID 1 of every app container: an image holding only the binary, which the
# provider copies into a read-only volume.
init_hash="$(go_source_hash podinit)"
if [ "$(image_hash podling/init:1)" != "$init_hash" ]; then
  init_dir="$(mktemp -d)"
  mkdir -p "$init_dir/podling"
  go_build_tool podinit "$init_dir/podling/podling-init"
  tar -C "$init_dir" -c podling | docker import --change "LABEL podling.io/image=true" --change "LABEL podling.io/source-hash=$init_hash" \
    --change 'CMD ["/podling/podling-init"]' - podling/init:1 >/dev/null
  rm -rf "$init_dir"
  log "built podling/init:1"
fi
# podling-agent (tools/agent), one per pod network: it needs iptables-restore and nsenter from netutil.
agent_hash="$(go_source_hash agent)"
if [ "$(image_hash podling/agent:1)" != "$agent_hash" ]; then
  agent_dir="$(mktemp -d)"
  go_build_tool agent "$agent_dir/podling-agent"
  cat >"$agent_dir/Dockerfile" <<DOCKERFILE
FROM podling/netutil:1
COPY podling-agent /usr/local/bin/podling-agent
LABEL podling.io/image=true podling.io/source-hash=$agent_hash
ENTRYPOINT ["/usr/local/bin/podling-agent"]
DOCKERFILE
  # The legacy builder's deprecation notice is noise; its output is shown only when the build fails.
  build_log="$(tar -C "$agent_dir" -c . | docker build -q -t podling/agent:1 - 2>&1)" || die "building podling/agent:1 failed: $build_log"
  rm -rf "$agent_dir"
  log "built podling/agent:1"
fi
log "images ready: podling/pause:1 podling/busybox:1 podling/netutil:1 podling/probe:1 podling/init:1 podling/agent:1"
