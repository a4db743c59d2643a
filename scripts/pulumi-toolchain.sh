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
  cat <<'GO'
// pulumi-language-nodejs (Migration Cockpit build): a small Node.js language host for the Pulumi engine.
//
// Used only when the Go module proxy does not serve the upstream language host module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) for the wanted release.
// It implements what the engine needs to run compiled JavaScript programs:
//   - Handshake, GetPluginInfo, About;
//   - GetRequiredPlugins / GetRequiredPackages: packages with a "pulumi": {"resource": true} section in the
//     node_modules folders visible from the program directory (walking up, like Node's resolution);
//   - Run: spawns `node @pulumi/pulumi/cmd/run` (resolved from the program directory) with the engine's
//     monitor address, project/stack/config, and maps its exit to RunResponse (exit code 32 = bail).
// Not implemented (the engine treats them as unsupported): dependency installation, code generation,
// packing/linking, policy packs and plugins written in Node.js, synchronous invokes (--sync).
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Exit code of @pulumi/pulumi/cmd/run after it already printed a message the user can act on.
const exitCodeUserActionable = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	mu            sync.Mutex
	engineAddress string
	tracing       string
}

func main() {
	h := &host{}
	// The engine passes optional flags (-v=N, --logtostderr, --logflow, --tracing=URL, -root=DIR) and, last,
	// the engine address. Parse leniently: unknown flags must never stop the plugin from starting.
	var positional []string
	args := os.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			positional = append(positional, a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		value, hasValue := "", false
		if k, v, ok := strings.Cut(name, "="); ok {
			name, value, hasValue = k, v, true
		}
		if name == "tracing" || name == "root" {
			if !hasValue && i+1 < len(args) {
				i++
				value = args[i]
			}
			if name == "tracing" {
				h.tracing = value
			}
		}
	}
	if len(positional) > 0 {
		h.engineAddress = positional[len(positional)-1]
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the RPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: RPC server stopped: %v\n", err)
		os.Exit(1)
	}
}

func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: strings.TrimPrefix(version.Version, "v")}, nil
}

func nodeBinary() (string, error) {
	p, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("could not find node on the PATH: %w", err)
	}
	return p, nil
}

func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := nodeBinary()
	if err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
		Metadata:   map[string]string{"languageHost": "migration-cockpit fallback"},
	}, nil
}

// programDirs returns the root directory (Pulumi.yaml), the program directory and the entry point.
func programDirs(info *pulumirpc.ProgramInfo, pwd, program string) (root, dir, entry string) {
	root, dir, entry = info.GetRootDirectory(), info.GetProgramDirectory(), info.GetEntryPoint()
	if dir == "" {
		dir = pwd
	}
	if dir == "" {
		dir, _ = os.Getwd()
	}
	if root == "" {
		root = dir
	}
	if entry == "" {
		entry = program
	}
	if entry == "" {
		entry = "."
	}
	return root, dir, entry
}

type packageJSON struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Pulumi  struct {
		Resource         bool   `json:"resource"`
		Name             string `json:"name"`
		Version          string `json:"version"`
		Server           string `json:"server"`
		Parameterization *struct {
			Name    string `json:"name"`
			Version string `json:"version"`
			Value   string `json:"value"`
		} `json:"parameterization"`
	} `json:"pulumi"`
}

// requiredPackages lists the Pulumi resource packages installed in the node_modules folders that Node's
// resolution can reach from dir (dir/node_modules, then each parent's node_modules).
func requiredPackages(dir string) ([]*pulumirpc.PackageDependency, error) {
	seen := map[string]bool{}
	var deps []*pulumirpc.PackageDependency
	var errs []error
	consider := func(pkgDir string) {
		b, err := os.ReadFile(filepath.Join(pkgDir, "package.json"))
		if err != nil {
			return
		}
		var info packageJSON
		if err := json.Unmarshal(b, &info); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", pkgDir, err))
			return
		}
		if !info.Pulumi.Resource {
			return
		}
		name := info.Pulumi.Name
		if name == "" {
			name = strings.TrimPrefix(strings.TrimPrefix(info.Name, "@pulumi/"), "@")
		}
		ver := info.Pulumi.Version
		if ver == "" {
			ver = info.Version
		}
		if ver != "" && !strings.HasPrefix(ver, "v") {
			ver = "v" + ver
		}
		dep := &pulumirpc.PackageDependency{Name: name, Kind: "resource", Version: ver, Server: info.Pulumi.Server}
		key := name + "@" + ver
		if p := info.Pulumi.Parameterization; p != nil {
			value, err := base64.StdEncoding.DecodeString(p.Value)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: parameterization value: %w", pkgDir, err))
				return
			}
			dep.Parameterization = &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: value}
			key += "/" + p.Name + "@" + p.Version
		}
		if !seen[key] {
			seen[key] = true
			deps = append(deps, dep)
		}
	}
	for d := filepath.Clean(dir); ; {
		nm := filepath.Join(d, "node_modules")
		entries, _ := os.ReadDir(nm)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				continue
			}
			p := filepath.Join(nm, e.Name())
			if strings.HasPrefix(e.Name(), "@") {
				scoped, _ := os.ReadDir(p)
				for _, s := range scoped {
					consider(filepath.Join(p, s.Name()))
				}
				continue
			}
			consider(p)
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return deps, errors.Join(errs...)
}

func (h *host) GetRequiredPackages(_ context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	_, dir, _ := programDirs(req.GetInfo(), "", "")
	deps, err := requiredPackages(dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "warning: while looking for Pulumi packages: %v\n", err)
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

func (h *host) GetRequiredPlugins(_ context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	_, dir, _ := programDirs(req.GetInfo(), req.GetPwd(), req.GetProgram()) //nolint:staticcheck
	deps, err := requiredPackages(dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "warning: while looking for Pulumi packages: %v\n", err)
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, d := range deps {
		if d.Parameterization == nil {
			plugins = append(plugins, &pulumirpc.PluginDependency{Name: d.Name, Kind: d.Kind, Version: d.Version, Server: d.Server})
		}
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// resolveModule finds a module the way the program itself would: Node's resolution from dir.
func resolveModule(ctx context.Context, node, dir, module string) (string, error) {
	script := "process.stdout.write(require.resolve(process.argv[1], { paths: [process.argv[2]] }))"
	cmd := exec.CommandContext(ctx, node, "-e", script, module, dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot resolve %s from %s: %v %s", module, dir, err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

func optionBool(info *pulumirpc.ProgramInfo, key string, def bool) bool {
	if v, ok := info.GetOptions().GetFields()[key]; ok {
		if b, ok := v.AsInterface().(bool); ok {
			return b
		}
	}
	return def
}

func optionString(info *pulumirpc.ProgramInfo, key string) string {
	if v, ok := info.GetOptions().GetFields()[key]; ok {
		if s, ok := v.AsInterface().(string); ok {
			return s
		}
	}
	return ""
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	root, dir, entry := programDirs(info, req.GetPwd(), req.GetProgram()) //nolint:staticcheck
	pwd := req.GetPwd()
	if pwd == "" {
		pwd = dir
	}
	node, err := nodeBinary()
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath, err = resolveModule(ctx, node, dir, "@pulumi/pulumi/cmd/run")
		if err != nil {
			return &pulumirpc.RunResponse{Error: "It looks like the Pulumi SDK has not been installed " +
				"(npm install @pulumi/pulumi where the program can find it): " + err.Error()}, nil
		}
	}

	h.mu.Lock()
	engine := h.engineAddress
	h.mu.Unlock()

	var args []string
	args = append(args, strings.Fields(optionString(info, "nodeargs"))...)
	args = append(args, runPath)
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k+"="+v)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engine)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", root)
	add("stack", req.GetStack())
	add("pwd", pwd)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		add("parallel", fmt.Sprint(req.GetParallel()))
	}
	add("tracing", h.tracing)
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
	)
	if optionBool(info, "typescript", true) {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if ts := optionString(info, "tsconfig"); ts != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+ts)
	}

	cmd := exec.Command(node, args...)
	cmd.Dir = pwd
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if status, ok := exitErr.Sys().(syscall.WaitStatus); ok {
				if status.Exited() && status.ExitStatus() == exitCodeUserActionable {
					return &pulumirpc.RunResponse{Bail: true}, nil
				}
				if status.Signaled() {
					return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program was terminated by signal %v", status.Signal())}, nil
				}
				return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", status.ExitStatus())}, nil
			}
			return &pulumirpc.RunResponse{Error: "Program exited unexpectedly: " + exitErr.Error()}, nil
		}
		return &pulumirpc.RunResponse{Error: "Problem executing program (could not run node): " + err.Error()}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}
GO
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
  host_kind="embedded compatible host (scripts/pulumi-toolchain.sh) built against $sdk_mod@v$version"
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
