#!/usr/bin/env bash
# Builds the local images that the demo and the tests use, once per tag: no registry is needed.
#   podling/pause:1    the infra ("pause") container that owns a pod's network namespace
#   podling/busybox:1  a ~2 MB toolbox (sh, httpd, nc, wget, ip, nslookup) for demo and test workloads
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

# $1 = tag; remaining args = `docker import --change` lines
import_busybox_rootfs() {
  local tag="$1"; shift
  local dir; dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' RETURN
  mkdir -p "$dir"/{bin,etc,tmp,www,proc,sys,dev,root}
  cp "$(busybox_bin)" "$dir/bin/busybox"
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
log "images ready: podling/pause:1 podling/busybox:1"
