// Command psa-oracle judges Pods with upstream's Pod Security Admission evaluator
// (k8s.io/pod-security-admission/policy), for podsmith's differential tests.
//
// Usage: psa-oracle 1.27 1.34 ...   (the policy versions to evaluate)
//
// Each Pod is judged as the admission plugin sees it: after the API server's defaulting of the
// fields the checks read (see applyDefaults).
//
// stdin:  one JSON object per line: a Pod, or any object with a Pod template
//
//	({"metadata":…,"spec":…} is read as a Pod; {"template":{…}} as its template).
//
// stdout: one JSON line per input line, in order:
//
//	{"v1.27":{"baseline":[{"id":"hostNamespaces","reason":"host namespaces","detail":"hostNetwork=true"}],"restricted":[…]},…}
//
// Only forbidding checks are listed; an empty list means the level allows the Pod.
// A line that cannot be decoded gives {"error":"…"}.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
	kjson "sigs.k8s.io/json"
)

type verdict struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
	Detail string `json:"detail,omitempty"`
}

// evaluators: the whole default check set (the verdict), and one per check (which check said it).
type oracle struct {
	all      policy.Evaluator
	checks   []policy.Check
	single   map[policy.CheckID]policy.Evaluator
	versions []api.Version
}

func newOracle(versions []api.Version) (*oracle, error) {
	checks := policy.DefaultChecks()
	all, err := policy.NewEvaluator(checks, nil)
	if err != nil {
		return nil, err
	}
	o := &oracle{all: all, checks: checks, single: map[policy.CheckID]policy.Evaluator{}, versions: versions}
	for _, c := range checks {
		e, err := policy.NewEvaluator([]policy.Check{c}, nil)
		if err != nil {
			return nil, err
		}
		o.single[c.ID] = e
	}
	return o, nil
}

// versionedAt is the revision of check c in force at version v, if any.
func versionedAt(c policy.Check, v api.Version) (policy.VersionedCheck, bool) {
	var found policy.VersionedCheck
	ok := false
	for _, vc := range c.Versions {
		if !v.Older(vc.MinimumVersion) {
			found, ok = vc, true
		}
	}
	return found, ok
}

// judge evaluates one Pod at one level and version. The verdict comes from the full evaluator;
// each forbidding result is attributed to its check by evaluating the checks that level runs
// (restricted: its own checks and the baseline checks no restricted check overrides) one by one,
// and the two must agree.
func (o *oracle) judge(level api.Level, v api.Version, meta *metav1.ObjectMeta, spec *corev1.PodSpec) ([]verdict, error) {
	lv := api.LevelVersion{Level: level, Version: v}
	agg := policy.AggregateCheckResults(o.all.EvaluatePod(lv, meta, spec))

	overridden := map[policy.CheckID]bool{}
	if level == api.LevelRestricted {
		for _, c := range o.checks {
			if vc, ok := versionedAt(c, v); ok && c.Level == api.LevelRestricted {
				for _, id := range vc.OverrideCheckIDs {
					overridden[id] = true
				}
			}
		}
	}
	out := []verdict{}
	for _, c := range o.checks {
		if c.Level == api.LevelRestricted && level != api.LevelRestricted || overridden[c.ID] {
			continue
		}
		for _, r := range o.single[c.ID].EvaluatePod(api.LevelVersion{Level: c.Level, Version: v}, meta, spec) {
			if !r.Allowed {
				out = append(out, verdict{ID: string(c.ID), Reason: r.ForbiddenReason, Detail: r.ForbiddenDetail})
			}
		}
	}
	slices.SortFunc(out, func(a, b verdict) int {
		if a.ID < b.ID {
			return -1
		} else if a.ID > b.ID {
			return 1
		}
		return 0
	})
	if agg.Allowed != (len(out) == 0) || len(agg.ForbiddenReasons) != len(out) {
		return nil, fmt.Errorf("%s: evaluator forbids %d checks (%s), per-check evaluation %d", lv.String(), len(agg.ForbiddenReasons), agg.ForbiddenReason(), len(out))
	}
	return out, nil
}

// applyDefaults applies the API server's defaulting that the admission plugin sees and that its
// checks read (k8s.io/kubernetes pkg/apis/core/v1 defaults.go): a volume without any source
// becomes an emptyDir (SetDefaults_Volume), and a Pod's hostNetwork gives every container port
// without a hostPort the containerPort as hostPort (SetDefaults_Pod; templates no longer since 1.28).
// Upstream's own fixtures are judged after this defaulting (restrictedvolumes0 passes with it).
func applyDefaults(spec *corev1.PodSpec, isPod bool) {
	for i := range spec.Volumes {
		if reflect.ValueOf(spec.Volumes[i].VolumeSource).IsZero() {
			spec.Volumes[i].VolumeSource = corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}
		}
	}
	if isPod && spec.HostNetwork {
		for _, list := range [][]corev1.Container{spec.Containers, spec.InitContainers} {
			for i := range list {
				for j := range list[i].Ports {
					if list[i].Ports[j].HostPort == 0 {
						list[i].Ports[j].HostPort = list[i].Ports[j].ContainerPort
					}
				}
			}
		}
	}
}

// podOf reads a Pod, or the Pod template of a PodTemplate-like object ({"template":…}).
func podOf(line []byte) (*metav1.ObjectMeta, *corev1.PodSpec, error) {
	var probe struct {
		Template *corev1.PodTemplateSpec `json:"template"`
	}
	// Case-sensitive, as the API server decodes: "HostNetwork" is not hostNetwork.
	if err := kjson.UnmarshalCaseSensitivePreserveInts(line, &probe); err == nil && probe.Template != nil {
		applyDefaults(&probe.Template.Spec, false)
		return &probe.Template.ObjectMeta, &probe.Template.Spec, nil
	}
	var pod corev1.Pod
	if err := kjson.UnmarshalCaseSensitivePreserveInts(line, &pod); err != nil {
		return nil, nil, err
	}
	applyDefaults(&pod.Spec, true)
	return &pod.ObjectMeta, &pod.Spec, nil
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: psa-oracle VERSION... (e.g. 1.27 1.34) < pods.jsonl")
		os.Exit(2)
	}
	var versions []api.Version
	for _, a := range os.Args[1:] {
		v, err := api.ParseVersion("v" + a)
		if err != nil {
			fmt.Fprintf(os.Stderr, "psa-oracle: version %q: %v\n", a, err)
			os.Exit(2)
		}
		versions = append(versions, v)
	}
	o, err := newOracle(versions)
	if err != nil {
		fmt.Fprintln(os.Stderr, "psa-oracle:", err)
		os.Exit(1)
	}

	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer w.Flush()
	enc := json.NewEncoder(w)
	for in.Scan() {
		line := in.Bytes()
		meta, spec, err := podOf(line)
		if err != nil {
			_ = enc.Encode(map[string]string{"error": err.Error()})
			continue
		}
		res := map[string]map[string][]verdict{}
		for _, v := range o.versions {
			byLevel := map[string][]verdict{}
			for _, level := range []api.Level{api.LevelBaseline, api.LevelRestricted} {
				vs, err := o.judge(level, v, meta, spec)
				if err != nil {
					fmt.Fprintln(os.Stderr, "psa-oracle:", err)
					os.Exit(1)
				}
				byLevel[string(level)] = vs
			}
			res[v.String()] = byLevel
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintln(os.Stderr, "psa-oracle:", err)
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "psa-oracle:", err)
		os.Exit(1)
	}
}
