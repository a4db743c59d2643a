#!/usr/bin/env bash
# Makes a Pulumi CLI matching the installed @pulumi/pulumi available, offline except for the Go module proxy.
#
# Usage: scripts/pulumi-toolchain.sh [--version X.Y.Z]
#   Prints progress on stderr and, as the last line on stdout, the absolute folder holding
#   pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs.
#
# 1. `pulumi` on PATH that reports exactly vX.Y.Z (with pulumi-language-nodejs beside it): used as is.
# 2. Otherwise the cache ${XDG_CACHE_HOME:-$HOME/.cache}/migration-cockpit/pulumi-X.Y.Z/bin, built once:
#    a wrapper Go module `go get`s github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@vX.Y.Z and sdk/v3@vX.Y.Z
#    (plus the non-local `replace` directives of pkg/go.mod, which `go install` would ignore), and builds with
#    CGO_ENABLED=0 -trimpath and the version stamped in. The Node.js language host comes from the upstream
#    module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 at the pseudo-version of the sdk
#    release commit when the proxy serves it; otherwise a small compatible host embedded below is built
#    against the same sdk/v3 release. The dynamic-provider plugin is a shell script, as upstream ships it.
#    The build happens in a temporary folder renamed into place at the end, with a marker file written
#    last, so an interrupted build never leaves a half cache. Concurrent runs wait on a lock.
# Environment: GO (the go binary; default: go on PATH, then /usr/local/go/bin/go), XDG_CACHE_HOME, HOME.
set -euo pipefail

log() { printf 'pulumi-toolchain: %s\n' "$*" >&2; }
die() { printf 'pulumi-toolchain: error: %s\n' "$*" >&2; exit 1; }

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) [ $# -ge 2 ] || die "--version needs a value"; version="$2"; shift 2 ;;
    --version=*) version="${1#--version=}"; shift ;;
    -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown argument: $1 (usage: scripts/pulumi-toolchain.sh [--version X.Y.Z])" ;;
  esac
done

if [ -z "$version" ]; then
  sdk_pkg="$repo_root/node_modules/@pulumi/pulumi/package.json"
  [ -f "$sdk_pkg" ] || die "$sdk_pkg not found: run npm ci first, or pass --version X.Y.Z"
  if command -v node >/dev/null 2>&1; then
    version="$(node -p 'require(process.argv[1]).version' "$sdk_pkg")"
  else
    version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$sdk_pkg" | head -n 1)"
  fi
fi
version="${version#v}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "not a release version: '$version'"

# 1. A matching pulumi on PATH.
if path_pulumi="$(command -v pulumi 2>/dev/null)"; then
  path_version="$(PULUMI_SKIP_UPDATE_CHECK=true timeout 10 "$path_pulumi" version 2>/dev/null || true)"
  path_dir="$(cd "$(dirname "$path_pulumi")" && pwd)"
  if [ "$path_version" = "v$version" ] && [ -x "$path_dir/pulumi-language-nodejs" ]; then
    log "using pulumi $path_version from PATH ($path_dir)"
    printf '%s\n' "$path_dir"
    exit 0
  fi
  log "pulumi on PATH ($path_pulumi) is '${path_version:-?}', not v$version (or has no pulumi-language-nodejs): using the cache"
fi

# 2. The cache.
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/migration-cockpit"
dest="$cache_root/pulumi-$version"
marker="$dest/.toolchain-complete"
if [ -f "$marker" ] && [ -x "$dest/bin/pulumi" ]; then
  log "using cached Pulumi CLI v$version ($dest/bin)"
  printf '%s\n' "$dest/bin"
  exit 0
fi

mkdir -p "$cache_root"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/pulumi-$version.lock"
  if ! flock -n 9; then
    log "another build of v$version is running; waiting for it"
    flock 9
  fi
  if [ -f "$marker" ] && [ -x "$dest/bin/pulumi" ]; then
    log "using cached Pulumi CLI v$version ($dest/bin)"
    printf '%s\n' "$dest/bin"
    exit 0
  fi
fi

go_bin="${GO:-}"
if [ -z "$go_bin" ]; then
  go_bin="$(command -v go 2>/dev/null || true)"
  [ -n "$go_bin" ] || go_bin=/usr/local/go/bin/go
fi
[ -x "$go_bin" ] || command -v "$go_bin" >/dev/null 2>&1 ||
  die "Go is needed to build Pulumi CLI v$version (none at '$go_bin'; set GO=/path/to/go). Alternatives: install pulumi v$version yourself and put it on PATH, or set MIGRATION_COCKPIT_PULUMI_BIN."

if [ -e "$dest" ]; then
  log "removing incomplete cache folder $dest"
  rm -rf "$dest"
fi

if [ -n "$(command -v flock 2>/dev/null)" ]; then
  # We hold the lock: build folders left by a killed run are garbage.
  rm -rf "$cache_root/.pulumi-$version.build."*
fi
work="$(mktemp -d "$cache_root/.pulumi-$version.build.XXXXXX")"
chmod 755 "$work"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
trap 'die "build of Pulumi CLI v$version failed (see the messages above); nothing was cached"' ERR

# The fallback language host (Go), used when the proxy does not serve the upstream one.
write_langhost_source() {
  cat "$repo_root/scripts/pulumi-language-nodejs/main.go"
}

start=$SECONDS
log "building Pulumi CLI v$version with $("$go_bin" version) in $work (a few minutes the first time)"
mkdir -p "$work/src" "$work/bin"
cd "$work/src"
export CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false" GOWORK=off
ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
pkg_mod=github.com/pulumi/pulumi/pkg/v3
sdk_mod=github.com/pulumi/pulumi/sdk/v3
host_mod=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3

"$go_bin" mod init migration-cockpit.invalid/pulumi-toolchain 2>/dev/null

# pkg/go.mod's replace directives that point at other modules (not at local folders such as ../sdk) must be
# repeated here: the main module's go.mod is the only one whose replaces count.
pkg_json="$("$go_bin" mod download -json "$pkg_mod@v$version" 2>&1 || true)"
pkg_gomod="$(printf '%s\n' "$pkg_json" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
if [ ! -f "$pkg_gomod" ] || printf '%s\n' "$pkg_json" | grep -q '"Error"'; then
  printf '%s\n' "$pkg_json" >&2
  die "the Go module proxy does not serve $pkg_mod@v$version; pick a @pulumi/pulumi version whose pkg/v3 and sdk/v3 modules it serves"
fi
awk '
  /^replace[[:space:]]*\($/ { inblock = 1; next }
  inblock && /^\)/ { inblock = 0; next }
  /^replace[[:space:]]/ { sub(/^replace[[:space:]]+/, ""); print; next }
  inblock { print }
' "$pkg_gomod" | while read -r old arrow new newver _; do
  [ "$arrow" = "=>" ] || continue
  case "$new" in .*|/*) continue ;; esac
  [ -n "$newver" ] || continue
  log "replace $old => $new $newver (from pkg/go.mod)"
  "$go_bin" mod edit -replace="$old=$new@$newver"
done

log "resolving $pkg_mod/cmd/pulumi@v$version and $sdk_mod@v$version"
"$go_bin" get "$pkg_mod/cmd/pulumi@v$version" "$sdk_mod@v$version" >&2

# The language host module has no tags of its own: use the pseudo-version of the sdk release commit.
host_kind=fallback
sdk_origin="$("$go_bin" list -m -f '{{with .Origin}}{{.Hash}}{{end}} {{.Time.UTC.Format "20060102150405"}}' "$sdk_mod@v$version" 2>/dev/null || true)"
read -r sdk_hash sdk_time <<<"$sdk_origin" || true
if [ -n "${sdk_hash:-}" ] && [ -n "${sdk_time:-}" ]; then
  host_version="v3.0.0-$sdk_time-${sdk_hash:0:12}"
  cp go.mod go.mod.before-host && cp go.sum go.sum.before-host
  log "trying the upstream language host $host_mod@$host_version"
  if "$go_bin" get "$host_mod@$host_version" >&2 &&
     "$go_bin" build -trimpath -ldflags "$ldflags" -o "$work/bin/pulumi-language-nodejs" "$host_mod" >&2; then
    host_kind="upstream $host_mod@$host_version"
  else
    log "the upstream language host is not available here; building the embedded compatible host instead"
    mv go.mod.before-host go.mod && mv go.sum.before-host go.sum
  fi
  rm -f go.mod.before-host go.sum.before-host
fi
if [ "$host_kind" = fallback ]; then
  mkdir -p langhost
  write_langhost_source > langhost/main.go
  "$go_bin" build -trimpath -ldflags "$ldflags" -o "$work/bin/pulumi-language-nodejs" ./langhost >&2
  host_kind="embedded compatible host (scripts/pulumi-language-nodejs/main.go, sha256 $(sha256sum "$repo_root/scripts/pulumi-language-nodejs/main.go" | cut -c1-12)) built against $sdk_mod@v$version"
fi

log "compiling pulumi v$version (the long step)"
"$go_bin" build -trimpath -ldflags "$ldflags" -o "$work/bin/pulumi" "$pkg_mod/cmd/pulumi" >&2

# The dynamic-provider plugin: like upstream's script, resolve @pulumi/pulumi/cmd/dynamic-provider from the
# folder the engine starts it in (the program folder) and run it with node.
cat > "$work/bin/pulumi-resource-pulumi-nodejs" <<'SH'
#!/bin/sh
# pulumi-resource-pulumi-nodejs: the Pulumi engine's plugin for dynamic providers written in Node.js.
script=$(node -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/dynamic-provider', { paths: [process.cwd()] }))") || {
  echo "pulumi-resource-pulumi-nodejs: cannot resolve @pulumi/pulumi/cmd/dynamic-provider from $(pwd)" >&2
  exit 1
}
exec node "$script" "$@"
SH
chmod 755 "$work/bin/pulumi" "$work/bin/pulumi-language-nodejs" "$work/bin/pulumi-resource-pulumi-nodejs"

built_version="$(PULUMI_SKIP_UPDATE_CHECK=true "$work/bin/pulumi" version)"
[ "$built_version" = "v$version" ] || die "the built pulumi reports '$built_version', not v$version"

elapsed=$((SECONDS - start))
{
  echo "version=$version"
  echo "language_host=$host_kind"
  echo "go=$("$go_bin" env GOVERSION)"
  echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "build_seconds=$elapsed"
} > "$work/.toolchain-complete"

mv -T "$work" "$dest"
trap - ERR EXIT
log "built Pulumi CLI v$version in ${elapsed}s ($host_kind)"
printf '%s\n' "$dest/bin"
