package main

import (
	"strings"
	"testing"
)

func labPolicy(t *testing.T) Policy {
	t.Helper()
	policy, err := NewPolicy(strings.Split("registry.k8s.io/, docker.io/library/busybox,", ","))
	if err != nil {
		t.Fatalf("NewPolicy: %v", err)
	}
	return policy
}

func TestPolicyAllowsListedSources(t *testing.T) {
	policy := labPolicy(t)
	for _, image := range []string{"busybox:1.36", "docker.io/library/busybox", "registry.k8s.io/pause:3.10", "registry.k8s.io/coredns/coredns:v1.11.3"} {
		if decision := policy.Decide([]string{image}); !decision.Allowed {
			t.Errorf("Decide(%q) denied (%s), want allowed", image, decision.Reason)
		}
	}
}

func TestPolicyDeniesEverythingElse(t *testing.T) {
	policy := labPolicy(t)
	for _, image := range []string{
		"nginx:1.27",
		"docker.io/library/busybox-extra:1",       // a look-alike repository, not the allowed one
		"docker.io/evil/busybox:1.36",             // same name, other namespace
		"registry.k8s.io.evil.example/pause:3.10", // a host that only starts like the allowed registry
		"quay.io/evil/miner:latest",
		"",
	} {
		decision := policy.Decide([]string{image})
		if decision.Allowed {
			t.Errorf("Decide(%q) allowed, want denied", image)
		}
		if !strings.Contains(decision.Reason, "allowed: registry.k8s.io/, docker.io/library/busybox") {
			t.Errorf("Decide(%q) reason %q does not list the allowed sources", image, decision.Reason)
		}
	}
}

func TestPolicyDeniesPodWhenOneImageIsDenied(t *testing.T) {
	decision := labPolicy(t).Decide([]string{"busybox:1.36", "nginx:1.27"})
	if decision.Allowed {
		t.Fatal("a pod with one disallowed image was allowed")
	}
	if !strings.Contains(decision.Reason, `"nginx:1.27" (docker.io/library/nginx)`) || strings.Contains(decision.Reason, `"busybox:1.36"`) {
		t.Errorf("reason should name only the denied image, got %q", decision.Reason)
	}
}

func TestNewPolicyRejectsBadRules(t *testing.T) {
	if _, err := NewPolicy([]string{"", " "}); err == nil {
		t.Error("an empty allow list was accepted")
	}
	if _, err := NewPolicy([]string{"docker.io/library/busybox:1.36"}); err == nil {
		t.Error("a rule with a tag was accepted")
	}
}
