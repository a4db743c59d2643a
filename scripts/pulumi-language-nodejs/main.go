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
