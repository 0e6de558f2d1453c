// k8s-validate: offline validation of rendered Kubernetes manifests (helm template output) without a cluster or
// downloaded JSON schemas. Every document is decoded strictly into the typed k8s.io/api structs (unknown fields,
// duplicate fields and wrong types fail), then checked for what the API server and controllers would reject or
// silently break: names and labels, selectors that select the pod templates, named ports, env var names, volume
// mounts, probe ports, HPA/PDB targets, Ingress backends and their ports. References to objects that are not
// rendered (e.g. an existing Secret) are reported, not failed.
//
//	go run . [-routes] file.yaml...   (or - for stdin)
//
// Exit 1 on any problem. -routes prints the Ingress route table ("route <path> <pathType> -> <service>").
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"
)

type doc struct {
	source string
	obj    any
	kind   string
	name   string
}

type report struct {
	problems []string
	notes    []string
}

func (r *report) fail(where, format string, args ...any) {
	r.problems = append(r.problems, where+": "+fmt.Sprintf(format, args...))
}
func (r *report) note(where, format string, args ...any) {
	r.notes = append(r.notes, where+": "+fmt.Sprintf(format, args...))
}

func newObject(apiVersion, kind string) (any, bool) {
	switch apiVersion + "/" + kind {
	case "v1/ConfigMap":
		return &corev1.ConfigMap{}, true
	case "v1/Secret":
		return &corev1.Secret{}, true
	case "v1/Service":
		return &corev1.Service{}, true
	case "v1/ServiceAccount":
		return &corev1.ServiceAccount{}, true
	case "apps/v1/Deployment":
		return &appsv1.Deployment{}, true
	case "autoscaling/v2/HorizontalPodAutoscaler":
		return &autoscalingv2.HorizontalPodAutoscaler{}, true
	case "policy/v1/PodDisruptionBudget":
		return &policyv1.PodDisruptionBudget{}, true
	case "networking.k8s.io/v1/Ingress":
		return &networkingv1.Ingress{}, true
	case "networking.k8s.io/v1/NetworkPolicy":
		return &networkingv1.NetworkPolicy{}, true
	}
	return nil, false
}

// splitDocuments splits a multi-document YAML stream on lines that are exactly "---".
func splitDocuments(data []byte) [][]byte {
	var docs [][]byte
	var cur bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimRight(line, " \t") == "---" {
			docs = append(docs, append([]byte(nil), cur.Bytes()...))
			cur.Reset()
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
	}
	return append(docs, cur.Bytes())
}

func isBlank(b []byte) bool {
	for _, line := range strings.Split(string(b), "\n") {
		t := strings.TrimSpace(line)
		if t != "" && !strings.HasPrefix(t, "#") {
			return false
		}
	}
	return true
}

func sourceOf(b []byte, fallback string) string {
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "# Source: ") {
			return strings.TrimPrefix(line, "# Source: ")
		}
	}
	return fallback
}

func decode(r *report, name string, data []byte) []doc {
	var out []doc
	for i, raw := range splitDocuments(data) {
		if isBlank(raw) {
			continue
		}
		where := sourceOf(raw, fmt.Sprintf("%s#%d", name, i))
		var head struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
			Metadata   struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := yaml.Unmarshal(raw, &head); err != nil {
			r.fail(where, "not valid YAML: %v", err)
			continue
		}
		obj, ok := newObject(head.APIVersion, head.Kind)
		if !ok {
			r.fail(where, "unsupported or unknown apiVersion/kind %q/%q", head.APIVersion, head.Kind)
			continue
		}
		if err := yaml.UnmarshalStrict(raw, obj); err != nil {
			r.fail(where, "%s %q does not match the Kubernetes schema: %v", head.Kind, head.Metadata.Name, err)
			continue
		}
		out = append(out, doc{source: where, obj: obj, kind: head.Kind, name: head.Metadata.Name})
	}
	return out
}

func checkMeta(r *report, where, kind string, m metav1.ObjectMeta) {
	if m.Name == "" {
		r.fail(where, "%s without metadata.name", kind)
		return
	}
	var errs []string
	switch kind {
	case "Service":
		errs = validation.IsDNS1035Label(m.Name)
	default:
		errs = validation.IsDNS1123Subdomain(m.Name)
	}
	for _, e := range errs {
		r.fail(where, "%s name %q: %s", kind, m.Name, e)
	}
	checkLabels(r, where, m.Labels)
	for k := range m.Annotations {
		for _, e := range validation.IsQualifiedName(strings.ToLower(k)) {
			r.fail(where, "annotation key %q: %s", k, e)
		}
	}
}

func checkLabels(r *report, where string, l map[string]string) {
	for k, v := range l {
		for _, e := range validation.IsQualifiedName(k) {
			r.fail(where, "label key %q: %s", k, e)
		}
		for _, e := range validation.IsValidLabelValue(v) {
			r.fail(where, "label %q value %q: %s", k, v, e)
		}
	}
}

func selects(sel *metav1.LabelSelector, podLabels map[string]string) (bool, error) {
	if sel == nil {
		return false, errors.New("no selector")
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		return false, err
	}
	if s.Empty() {
		return false, errors.New("empty selector selects everything")
	}
	return s.Matches(labels.Set(podLabels)), nil
}

type index struct {
	configMaps  map[string]*corev1.ConfigMap
	secrets     map[string]*corev1.Secret
	services    map[string]*corev1.Service
	deployments map[string]*appsv1.Deployment
}

func checkPodSpec(r *report, where string, spec *corev1.PodSpec, idx index) {
	volumes := map[string]bool{}
	for _, v := range spec.Volumes {
		for _, e := range validation.IsDNS1123Label(v.Name) {
			r.fail(where, "volume %q: %s", v.Name, e)
		}
		if volumes[v.Name] {
			r.fail(where, "volume %q declared twice", v.Name)
		}
		volumes[v.Name] = true
		if v.Secret != nil {
			if s, ok := idx.secrets[v.Secret.SecretName]; ok {
				for _, it := range v.Secret.Items {
					_, inData := s.Data[it.Key]
					_, inString := s.StringData[it.Key]
					if !inData && !inString {
						r.fail(where, "volume %q mounts key %q that Secret %q does not have", v.Name, it.Key, s.Name)
					}
				}
			} else {
				r.note(where, "volume %q uses Secret %q, which is not rendered (must exist in the cluster)", v.Name, v.Secret.SecretName)
			}
		}
		if v.ConfigMap != nil {
			if _, ok := idx.configMaps[v.ConfigMap.Name]; !ok {
				r.note(where, "volume %q uses ConfigMap %q, which is not rendered", v.Name, v.ConfigMap.Name)
			}
		}
	}
	if len(spec.Containers) == 0 {
		r.fail(where, "pod template without containers")
	}
	all := append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...)
	names := map[string]bool{}
	for _, c := range all {
		cw := fmt.Sprintf("%s container %q", where, c.Name)
		for _, e := range validation.IsDNS1123Label(c.Name) {
			r.fail(cw, "name: %s", e)
		}
		if names[c.Name] {
			r.fail(cw, "container name used twice")
		}
		names[c.Name] = true
		if c.Image == "" || strings.HasSuffix(c.Image, ":") {
			r.fail(cw, "image %q is empty or has an empty tag", c.Image)
		}
		ports := map[string]int32{}
		for _, p := range c.Ports {
			if p.Name != "" {
				for _, e := range validation.IsValidPortName(p.Name) {
					r.fail(cw, "port name %q: %s", p.Name, e)
				}
				if _, dup := ports[p.Name]; dup {
					r.fail(cw, "port name %q used twice", p.Name)
				}
				ports[p.Name] = p.ContainerPort
			}
			for _, e := range validation.IsValidPortNum(int(p.ContainerPort)) {
				r.fail(cw, "containerPort %d: %s", p.ContainerPort, e)
			}
		}
		seen := map[string]bool{}
		for _, e := range c.Env {
			for _, msg := range validation.IsEnvVarName(e.Name) {
				r.fail(cw, "env %q: %s", e.Name, msg)
			}
			if seen[e.Name] {
				r.fail(cw, "env %q set twice", e.Name)
			}
			seen[e.Name] = true
		}
		for _, ef := range c.EnvFrom {
			if ef.ConfigMapRef != nil {
				if cm, ok := idx.configMaps[ef.ConfigMapRef.Name]; ok {
					for k := range cm.Data {
						if len(validation.IsEnvVarName(k)) > 0 {
							r.fail(cw, "ConfigMap %q key %q is not a valid env var name (envFrom would skip it)", cm.Name, k)
						}
					}
				} else {
					r.note(cw, "envFrom ConfigMap %q is not rendered (must exist in the cluster)", ef.ConfigMapRef.Name)
				}
			}
			if ef.SecretRef != nil {
				if s, ok := idx.secrets[ef.SecretRef.Name]; ok {
					for k := range s.StringData {
						if len(validation.IsEnvVarName(k)) > 0 {
							r.fail(cw, "Secret %q key %q is not a valid env var name (envFrom would skip it)", s.Name, k)
						}
					}
				} else {
					r.note(cw, "envFrom Secret %q is not rendered (must exist in the cluster)", ef.SecretRef.Name)
				}
			}
		}
		for _, m := range c.VolumeMounts {
			if !volumes[m.Name] {
				r.fail(cw, "volumeMount %q has no volume", m.Name)
			}
			if !strings.HasPrefix(m.MountPath, "/") {
				r.fail(cw, "volumeMount %q path %q is not absolute", m.Name, m.MountPath)
			}
		}
		for label, p := range map[string]*corev1.Probe{"startupProbe": c.StartupProbe, "livenessProbe": c.LivenessProbe, "readinessProbe": c.ReadinessProbe} {
			if p == nil || p.HTTPGet == nil {
				continue
			}
			if port := p.HTTPGet.Port; port.StrVal != "" {
				if _, ok := ports[port.StrVal]; !ok {
					r.fail(cw, "%s uses port %q that the container does not declare", label, port.StrVal)
				}
			}
			if !strings.HasPrefix(p.HTTPGet.Path, "/") {
				r.fail(cw, "%s path %q must start with /", label, p.HTTPGet.Path)
			}
		}
		for res, limit := range c.Resources.Limits {
			if req, ok := c.Resources.Requests[res]; ok && req.Cmp(limit) > 0 {
				r.fail(cw, "request %s=%s exceeds limit %s", res, req.String(), limit.String())
			}
		}
	}
}

func main() {
	routes := flag.Bool("routes", false, "print the Ingress route table")
	flag.Parse()
	r := &report{}
	var docs []doc
	for _, name := range flag.Args() {
		var data []byte
		var err error
		if name == "-" {
			data, err = io.ReadAll(os.Stdin)
		} else {
			data, err = os.ReadFile(name)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		docs = append(docs, decode(r, name, data)...)
	}
	if len(docs) == 0 && len(r.problems) == 0 {
		r.fail("input", "no Kubernetes documents")
	}

	idx := index{map[string]*corev1.ConfigMap{}, map[string]*corev1.Secret{}, map[string]*corev1.Service{}, map[string]*appsv1.Deployment{}}
	seen := map[string]string{}
	for _, d := range docs {
		key := d.kind + "/" + d.name
		if prev, dup := seen[key]; dup {
			r.fail(d.source, "%s rendered twice (also in %s)", key, prev)
		}
		seen[key] = d.source
		switch o := d.obj.(type) {
		case *corev1.ConfigMap:
			idx.configMaps[o.Name] = o
		case *corev1.Secret:
			idx.secrets[o.Name] = o
		case *corev1.Service:
			idx.services[o.Name] = o
		case *appsv1.Deployment:
			idx.deployments[o.Name] = o
		}
	}

	counts := map[string]int{}
	var table []string
	for _, d := range docs {
		counts[d.kind]++
		w := d.source
		switch o := d.obj.(type) {
		case *corev1.ConfigMap:
			checkMeta(r, w, d.kind, o.ObjectMeta)
			for k := range o.Data {
				for _, e := range validation.IsConfigMapKey(k) {
					r.fail(w, "key %q: %s", k, e)
				}
			}
		case *corev1.Secret:
			checkMeta(r, w, d.kind, o.ObjectMeta)
			for k := range o.StringData {
				for _, e := range validation.IsConfigMapKey(k) {
					r.fail(w, "key %q: %s", k, e)
				}
			}
		case *corev1.ServiceAccount:
			checkMeta(r, w, d.kind, o.ObjectMeta)
		case *networkingv1.NetworkPolicy:
			checkMeta(r, w, d.kind, o.ObjectMeta)
		case *appsv1.Deployment:
			checkMeta(r, w, d.kind, o.ObjectMeta)
			checkLabels(r, w, o.Spec.Template.Labels)
			if ok, err := selects(o.Spec.Selector, o.Spec.Template.Labels); err != nil || !ok {
				r.fail(w, "spec.selector does not select the pod template's labels (%v)", err)
			}
			if o.Spec.Replicas != nil && *o.Spec.Replicas < 0 {
				r.fail(w, "negative replicas")
			}
			checkPodSpec(r, w, &o.Spec.Template.Spec, idx)
		case *corev1.Service:
			checkMeta(r, w, d.kind, o.ObjectMeta)
			var targets []*appsv1.Deployment
			for _, dep := range idx.deployments {
				if len(o.Spec.Selector) > 0 && labels.SelectorFromSet(o.Spec.Selector).Matches(labels.Set(dep.Spec.Template.Labels)) {
					targets = append(targets, dep)
				}
			}
			if len(targets) != 1 {
				r.fail(w, "selector %v selects %d rendered Deployments, want exactly 1", o.Spec.Selector, len(targets))
			}
			names := map[string]bool{}
			for _, p := range o.Spec.Ports {
				for _, e := range validation.IsValidPortName(p.Name) {
					r.fail(w, "port name %q: %s", p.Name, e)
				}
				if names[p.Name] {
					r.fail(w, "port name %q used twice", p.Name)
				}
				names[p.Name] = true
				if tp := p.TargetPort.StrVal; tp != "" {
					for _, dep := range targets {
						found := false
						for _, c := range dep.Spec.Template.Spec.Containers {
							for _, cp := range c.Ports {
								found = found || cp.Name == tp
							}
						}
						if !found {
							r.fail(w, "targetPort %q is not a container port of Deployment %q", tp, dep.Name)
						}
					}
				}
			}
		case *autoscalingv2.HorizontalPodAutoscaler:
			checkMeta(r, w, d.kind, o.ObjectMeta)
			ref := o.Spec.ScaleTargetRef
			if ref.Kind != "Deployment" || ref.APIVersion != "apps/v1" || idx.deployments[ref.Name] == nil {
				r.fail(w, "scaleTargetRef %s %s/%s is not a rendered Deployment", ref.APIVersion, ref.Kind, ref.Name)
			} else if idx.deployments[ref.Name].Spec.Replicas != nil {
				r.note(w, "Deployment %q sets replicas although an HPA scales it", ref.Name)
			}
			if o.Spec.MinReplicas != nil && (*o.Spec.MinReplicas < 1 || *o.Spec.MinReplicas > o.Spec.MaxReplicas) {
				r.fail(w, "minReplicas %d must be in 1..maxReplicas (%d)", *o.Spec.MinReplicas, o.Spec.MaxReplicas)
			}
			if len(o.Spec.Metrics) == 0 {
				r.fail(w, "no metrics")
			}
		case *policyv1.PodDisruptionBudget:
			checkMeta(r, w, d.kind, o.ObjectMeta)
			if (o.Spec.MinAvailable == nil) == (o.Spec.MaxUnavailable == nil) {
				r.fail(w, "exactly one of minAvailable and maxUnavailable must be set")
			}
			n := 0
			for _, dep := range idx.deployments {
				if ok, err := selects(o.Spec.Selector, dep.Spec.Template.Labels); err == nil && ok {
					n++
				}
			}
			if n != 1 {
				r.fail(w, "selector selects %d rendered Deployments, want exactly 1", n)
			}
		case *networkingv1.Ingress:
			checkMeta(r, w, d.kind, o.ObjectMeta)
			for _, rule := range o.Spec.Rules {
				if rule.Host != "" {
					for _, e := range validation.IsDNS1123Subdomain(strings.TrimPrefix(rule.Host, "*.")) {
						r.fail(w, "host %q: %s", rule.Host, e)
					}
				}
				if rule.HTTP == nil {
					r.fail(w, "rule without http paths")
					continue
				}
				paths := map[string]bool{}
				for _, p := range rule.HTTP.Paths {
					pt := "ImplementationSpecific"
					if p.PathType != nil {
						pt = string(*p.PathType)
					}
					if pt != "Exact" && pt != "Prefix" && pt != "ImplementationSpecific" {
						r.fail(w, "path %q: unknown pathType %q", p.Path, pt)
					}
					if !strings.HasPrefix(p.Path, "/") {
						r.fail(w, "path %q must start with /", p.Path)
					}
					key := p.Path + " " + pt
					if paths[key] {
						r.fail(w, "path %q (%s) routed twice", p.Path, pt)
					}
					paths[key] = true
					svc := p.Backend.Service
					if svc == nil {
						r.fail(w, "path %q has no service backend", p.Path)
						continue
					}
					target := idx.services[svc.Name]
					if target == nil {
						r.fail(w, "path %q routes to Service %q, which is not rendered", p.Path, svc.Name)
						continue
					}
					portOK := false
					for _, sp := range target.Spec.Ports {
						portOK = portOK || (svc.Port.Name != "" && sp.Name == svc.Port.Name) || (svc.Port.Number != 0 && sp.Port == svc.Port.Number)
					}
					if !portOK {
						r.fail(w, "path %q routes to a port of Service %q that does not exist", p.Path, svc.Name)
					}
					table = append(table, fmt.Sprintf("route %s %s -> %s", p.Path, pt, svc.Name))
				}
			}
		}
	}

	if *routes {
		sort.Strings(table)
		for _, line := range table {
			fmt.Println(line)
		}
	}
	printed := map[string]bool{}
	for _, n := range r.notes {
		if !printed[n] {
			fmt.Println("note:", n)
			printed[n] = true
		}
	}
	var kinds []string
	for k, n := range counts {
		kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
	}
	sort.Strings(kinds)
	if len(r.problems) > 0 {
		for _, p := range r.problems {
			fmt.Fprintln(os.Stderr, "error:", p)
		}
		fmt.Fprintf(os.Stderr, "k8s-validate: %d problem(s) in %d document(s)\n", len(r.problems), len(docs))
		os.Exit(1)
	}
	fmt.Printf("k8s-validate: %d documents valid (%s)\n", len(docs), strings.Join(kinds, ", "))
}
