// compose-validate: offline validation of docker/compose.yaml with compose-go (the library `docker compose` is
// built on), from the Go module proxy. It checks the file against the official compose-spec JSON schema embedded
// in compose-go (schema/compose-spec.json) and then loads it as `docker compose config` would for each profile
// (no profile, all, split): interpolation, merge keys, depends_on targets and conditions, profiles.
// Junction checks on top: every module hosted exactly once per profile, healthchecks everywhere, the gateway's
// nginx.conf routes each module's paths (helm/junction/values.yaml `routes`) to the process hosting it, and
// Prometheus scrapes every Junction process.
//
//	go run . -repo ../..
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/schema"
	"github.com/compose-spec/compose-go/v2/types"
	"gopkg.in/yaml.v3"
)

var knownModules = []string{"identity", "flights", "baggage", "detectors", "orders", "trains"}

var problems []string

func fail(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

func load(composeFile string, profiles []string, env map[string]string) (*types.Project, error) {
	details := types.ConfigDetails{
		WorkingDir:  filepath.Dir(composeFile),
		ConfigFiles: []types.ConfigFile{{Filename: composeFile}},
		Environment: env,
	}
	return loader.LoadWithContext(context.Background(), details, func(o *loader.Options) {
		o.SetProjectName("junction", true)
		o.Profiles = profiles
		o.ResolvePaths = true
	})
}

type location struct {
	exact    bool
	regex    *regexp.Regexp
	path     string
	upstream string
}

var locationLine = regexp.MustCompile(`^\s*location\s+(=|~)?\s*(\S+)\s*\{(.*)\}\s*$`)
var proxyPass = regexp.MustCompile(`proxy_pass\s+\$(\w+)\s*;`)

func parseNginx(file string) ([]location, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []location
	for _, line := range strings.Split(string(data), "\n") {
		m := locationLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		l := location{path: m[2]}
		if pm := proxyPass.FindStringSubmatch(m[3]); pm != nil {
			l.upstream = pm[1]
		}
		switch m[1] {
		case "=":
			l.exact = true
		case "~":
			re, err := regexp.Compile(m[2])
			if err != nil {
				return nil, fmt.Errorf("nginx location %q: %v", m[2], err)
			}
			l.regex = re
		default:
			// plain prefix locations: not used for module routes
			continue
		}
		out = append(out, l)
	}
	return out, nil
}

// route resolves a request path the way nginx does for the location kinds used: exact first, then regexes in order.
func route(locs []location, path string) string {
	for _, l := range locs {
		if l.exact && l.path == path {
			return l.upstream
		}
	}
	for _, l := range locs {
		if l.regex != nil && l.regex.MatchString(path) {
			return l.upstream
		}
	}
	return ""
}

func modulesOf(s types.ServiceConfig) []string {
	v, ok := s.Environment["MODULES"]
	if !ok || v == nil {
		return nil
	}
	if strings.TrimSpace(*v) == "all" {
		return knownModules
	}
	var out []string
	for _, m := range strings.Split(*v, ",") {
		out = append(out, strings.TrimSpace(m))
	}
	return out
}

func main() {
	repo := flag.String("repo", ".", "repository root")
	flag.Parse()
	composeFile, _ := filepath.Abs(filepath.Join(*repo, "docker/compose.yaml"))

	// 1. The official schema, on the file as written (anchors and merge keys resolved, before interpolation).
	raw, err := os.ReadFile(composeFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var dict map[string]any
	if err := yaml.Unmarshal(raw, &dict); err != nil {
		fail("docker/compose.yaml is not valid YAML: %v", err)
	} else if err := schema.Validate(dict); err != nil {
		fail("docker/compose.yaml does not match the compose-spec schema: %v", err)
	}

	// 2. Load per profile as docker compose would (the loader validates the interpolated model again).
	env := map[string]string{}
	projects := map[string]*types.Project{}
	for _, profile := range []string{"", "all", "split"} {
		var profiles []string
		if profile != "" {
			profiles = []string{profile}
		}
		p, err := load(composeFile, profiles, env)
		if err != nil {
			fail("profile %q: %v", profile, err)
			continue
		}
		projects[profile] = p
	}

	// 3. Junction rules.
	for profile, p := range projects {
		hosts := map[string][]string{}
		for name, s := range p.Services {
			if s.HealthCheck == nil || s.HealthCheck.Disable || len(s.HealthCheck.Test) == 0 {
				fail("profile %q: service %q has no healthcheck", profile, name)
			}
			for dep, d := range s.DependsOn {
				if d.Condition != types.ServiceConditionHealthy && d.Condition != types.ServiceConditionCompletedSuccessfully {
					fail("profile %q: %s depends on %s with condition %q (want service_healthy)", profile, name, dep, d.Condition)
				}
			}
			for _, m := range modulesOf(s) {
				hosts[m] = append(hosts[m], name)
			}
		}
		if profile == "" {
			if len(hosts) > 0 {
				fail("services without a profile boot Junction modules: %v", hosts)
			}
			continue
		}
		for _, m := range knownModules {
			if len(hosts[m]) != 1 {
				fail("profile %q: module %q is hosted by %d services %v, want exactly 1", profile, m, len(hosts[m]), hosts[m])
			}
		}
		for m := range hosts {
			if !contains(knownModules, m) {
				fail("profile %q: unknown module %q in MODULES", profile, m)
			}
		}
		if profile == "split" {
			checkGateway(*repo, p, hosts)
		}
	}
	checkPrometheus(*repo, projects)

	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "error:", p)
		}
		fmt.Fprintf(os.Stderr, "compose-validate: %d problem(s)\n", len(problems))
		os.Exit(1)
	}
	var summary []string
	for _, profile := range []string{"", "all", "split"} {
		names := projects[profile].ServiceNames()
		sort.Strings(names)
		label := profile
		if label == "" {
			label = "(none)"
		}
		summary = append(summary, fmt.Sprintf("%s: %s", label, strings.Join(names, " ")))
	}
	fmt.Printf("compose-validate: docker/compose.yaml matches the compose-spec schema and loads for every profile\n  %s\n", strings.Join(summary, "\n  "))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func checkGateway(repo string, p *types.Project, hosts map[string][]string) {
	locs, err := parseNginx(filepath.Join(repo, "docker/gateway/nginx.conf"))
	if err != nil {
		fail("gateway: %v", err)
		return
	}
	var values struct {
		Routes map[string][]struct {
			Path     string `yaml:"path"`
			PathType string `yaml:"pathType"`
		} `yaml:"routes"`
	}
	data, err := os.ReadFile(filepath.Join(repo, "helm/junction/values.yaml"))
	if err == nil {
		err = yaml.Unmarshal(data, &values)
	}
	if err != nil {
		fail("helm/junction/values.yaml: %v", err)
		return
	}
	for _, m := range knownModules {
		routes := values.Routes[m]
		if len(routes) == 0 {
			fail("helm values: module %q has no routes", m)
		}
		if len(hosts[m]) != 1 {
			continue
		}
		want := hosts[m][0]
		for _, r := range routes {
			samples := []string{r.Path}
			if r.PathType != "Exact" {
				samples = append(samples, r.Path+"/x")
			}
			for _, s := range samples {
				if got := route(locs, s); got != want {
					fail("gateway: %s (module %s) goes to %q, want %q (the service hosting %s)", s, m, got, want, m)
				}
			}
			if r.PathType != "Exact" {
				if got := route(locs, r.Path+"x-not-a-route"); got == want && got != "" {
					fail("gateway: %sx-not-a-route also goes to %q: the location must match whole path segments", r.Path, got)
				}
			}
		}
	}
	for name := range p.Services {
		if len(modulesOf(p.Services[name])) == 0 {
			continue
		}
		for _, sub := range []string{"/docs", "/health/ready", "/metrics"} {
			if got := route(locs, "/processes/"+name+sub); got != name {
				fail("gateway: /processes/%s%s goes to %q, want %q", name, sub, got, name)
			}
		}
	}
}

func checkPrometheus(repo string, projects map[string]*types.Project) {
	data, err := os.ReadFile(filepath.Join(repo, "docker/prometheus/prometheus.yml"))
	if err != nil {
		fail("prometheus: %v", err)
		return
	}
	var cfg struct {
		ScrapeConfigs []struct {
			JobName       string `yaml:"job_name"`
			MetricsPath   string `yaml:"metrics_path"`
			StaticConfigs []struct {
				Targets []string `yaml:"targets"`
			} `yaml:"static_configs"`
		} `yaml:"scrape_configs"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		fail("prometheus.yml: %v", err)
		return
	}
	targets := map[string]bool{}
	for _, sc := range cfg.ScrapeConfigs {
		for _, st := range sc.StaticConfigs {
			for _, t := range st.Targets {
				targets[t] = true
			}
		}
	}
	for profile, p := range projects {
		for name, s := range p.Services {
			if len(modulesOf(s)) > 0 && !targets[name+":3000"] {
				fail("prometheus.yml does not scrape %s:3000 (profile %q)", name, profile)
			}
		}
	}
}
