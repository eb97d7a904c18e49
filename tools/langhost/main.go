// Command pulumi-language-nodejs is Podling's own minimal Node.js language host.
//
// Pulumi's language host lives in a Go module that the module proxy reachable here does not serve, so
// the setup script builds this one instead. It implements just what `pulumi preview/up/refresh/destroy`
// need for a Node.js program: it starts `@pulumi/pulumi/cmd/run` with the engine's settings. Everything
// else answers "unimplemented", which the engine tolerates.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The Node.js runtime exits with this code once it has already shown the user an actionable error.
const exitAfterReportedError = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	tracing       string
}

func main() {
	tracing := flag.String("tracing", "", "Zipkin-compatible tracing endpoint")
	// Flags the engine may pass to any Node.js host; accepted and ignored, since options come with each request.
	flag.Bool("typescript", true, "obsolete")
	flag.String("root", "", "obsolete")
	flag.String("tsconfig", "", "obsolete")
	flag.String("nodeargs", "", "obsolete")
	flag.String("packagemanager", "", "obsolete")
	flag.Parse()

	h := &host{tracing: *tracing}
	if flag.NArg() > 0 {
		h.engineAddress = flag.Arg(0)
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "could not start the language host: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "language host stopped: %v\n", err)
		os.Exit(1)
	}
}

func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// Plugins are found on demand; a dynamic provider needs none beyond the shim installed next to `pulumi`.
func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	if info == nil {
		return nil, errors.New("run request carries no program info; this language host needs pulumi >= 3.100")
	}
	programDir := info.GetProgramDirectory()
	runPath, err := resolveFrom(programDir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	configJSON, err := runtimeConfig(req.GetConfig())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	secretKeys, _ := json.Marshal(append([]string{}, req.GetConfigSecretKeys()...))

	args := []string{runPath, "--monitor", req.GetMonitorAddress()}
	for _, kv := range [][2]string{
		{"engine", h.engineAddress}, {"organization", req.GetOrganization()}, {"project", req.GetProject()},
		{"stack", req.GetStack()}, {"pwd", programDir}, {"tracing", h.tracing},
		{"parallel", strconv.Itoa(int(req.GetParallel()))},
	} {
		if kv[1] != "" {
			args = append(args, "--"+kv[0], kv[1])
		}
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = programDir
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "PULUMI_CONFIG="+configJSON, "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	opts := info.GetOptions().AsMap()
	if ts, ok := opts["typescript"].(bool); !ok || ts {
		cmd.Env = append(cmd.Env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig, ok := opts["tsconfig"].(string); ok && tsconfig != "" {
		cmd.Env = append(cmd.Env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}

	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitAfterReportedError {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not start node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// resolveFrom asks node where a module lives, as seen from the program's directory.
func resolveFrom(dir, module string) (string, error) {
	cmd := exec.Command("node", "-e", "console.log(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot find %s from %s: is @pulumi/pulumi installed (npm install)? %v", module, dir, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// runtimeConfig renders config as the Node.js runtime reads it: keys in the "<namespace>:config:<name>" form.
func runtimeConfig(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", fmt.Errorf("bad config key %q: %w", k, err)
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	b, err := json.Marshal(out)
	return string(b), err
}
