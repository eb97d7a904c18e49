#!/usr/bin/env bash
# Ensures a `pulumi` CLI (>= 3.139, which dynamic providers' `configure` needs) plus what a Node.js program
# with dynamic providers needs beside it. Prints the folder to put first on PATH (empty: keep PATH as is).
#
# No prebuilt binary can be downloaded here, so the CLI is built from the Go module proxy. The proxy does
# not serve Pulumi's Node.js language host module, so tools/langhost (our own small host) is built instead.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

version_ok() { # $1 = "vX.Y.Z" or "X.Y.Z"; true when >= 3.139
  local v="${1#v}" major minor
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%.*}"
  [ "$major" -gt 3 ] 2>/dev/null || { [ "$major" -eq 3 ] && [ "$minor" -ge 139 ]; } 2>/dev/null
}

if [ -z "${PODLING_BUILD_PULUMI:-}" ] && command -v pulumi >/dev/null && command -v pulumi-language-nodejs >/dev/null; then
  v="$(pulumi version 2>/dev/null || true)"
  if version_ok "$v"; then log "using pulumi $v from PATH"; echo ""; exit 0; fi
  log "pulumi on PATH is $v, older than 3.139: building our own"
fi

ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
mkdir -p "$PODLING_TOOLS"

if [ ! -x "$PODLING_TOOLS/pulumi" ]; then
  command -v go >/dev/null || die "building pulumi needs Go (none on PATH)"
  build="$PODLING_CACHE/pulumi-build-v$PULUMI_VERSION"
  mkdir -p "$build"
  log "building pulumi v$PULUMI_VERSION from the Go module proxy in $build (the first time takes many minutes)"
  # pkg/v3's own go.mod replaces the clipboard module; a requiring module must repeat that replace.
  cat >"$build/go.mod" <<MOD
module podling.local/pulumi-build

go 1.22

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
  (cd "$build" &&
    go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION" &&
    go build -o "$PODLING_TOOLS/pulumi.tmp" -ldflags "$ldflags" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) >"$build/build.log" 2>&1 ||
    { tail -n 30 "$build/build.log" >&2; die "building pulumi failed; the whole Go output is in $build/build.log"; }
  mv "$PODLING_TOOLS/pulumi.tmp" "$PODLING_TOOLS/pulumi"
fi

langhost_src="$PODLING_ROOT/tools/langhost"
langhost_stamp="$PODLING_TOOLS/.langhost-$(cat "$langhost_src"/main.go "$langhost_src"/go.mod | sha256sum | cut -c1-16)"
if [ ! -x "$PODLING_TOOLS/pulumi-language-nodejs" ] || [ ! -e "$langhost_stamp" ]; then
  log "building Podling's Node.js language host"
  (cd "$langhost_src" && go build -o "$PODLING_TOOLS/pulumi-language-nodejs" -ldflags "$ldflags" . >&2) ||
    die "building tools/langhost failed"
  rm -f "$PODLING_TOOLS"/.langhost-*; touch "$langhost_stamp"
fi

# The engine starts dynamic providers as the plugin `pulumi-resource-pulumi-nodejs`. It must run the
# dynamic-provider entry point of the @pulumi/pulumi that the program itself uses.
cat >"$PODLING_TOOLS/pulumi-resource-pulumi-nodejs" <<'SHIM'
#!/bin/sh
entry=$(node -e 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/dynamic-provider"))') || {
  echo "pulumi-resource-pulumi-nodejs: @pulumi/pulumi is not installed where the program runs ($(pwd))" >&2
  exit 1
}
exec node "$entry" "$@"
SHIM
chmod +x "$PODLING_TOOLS/pulumi-resource-pulumi-nodejs"

"$PODLING_TOOLS/pulumi" version >/dev/null || die "the built pulumi does not run"

# The commands the README and the demo print call `pulumi`, and must work pasted into a new shell: as
# root, link the tools into /usr/local/bin (on every login shell's PATH), leaving alone any file there that
# is not our link; otherwise say the one line to add.
if [ "$(id -u)" = 0 ] && [ -d /usr/local/bin ] && [ -w /usr/local/bin ]; then
  for tool in pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do
    target="/usr/local/bin/$tool"
    if [ -e "$target" ] && [ "$(readlink "$target" || true)" != "$PODLING_TOOLS/$tool" ]; then
      log "not linking $tool: $target is already there and is not Podling's (a new shell uses that one)"
      continue
    fi
    ln -sfn "$PODLING_TOOLS/$tool" "$target"
  done
else
  log "for pulumi in a new shell, add to your shell profile: export PATH=\"$PODLING_TOOLS:\$PATH\""
fi
log "pulumi $("$PODLING_TOOLS/pulumi" version) in $PODLING_TOOLS"
echo "$PODLING_TOOLS"
