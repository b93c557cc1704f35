package main

import (
	"fmt"
	"strings"
)

// Policy is an allow-list of image sources; anything not on it is denied.
type Policy struct {
	rules []string
}

// NewPolicy parses allow rules. A rule ending in "/" allows every repository under that prefix
// ("registry.k8s.io/"); any other rule allows exactly one repository ("docker.io/library/busybox", any tag).
func NewPolicy(rules []string) (Policy, error) {
	var parsed []string
	for _, raw := range rules {
		rule := strings.TrimSpace(raw)
		if rule == "" {
			continue
		}
		if strings.ContainsAny(rule, ":@") {
			return Policy{}, fmt.Errorf("allow rule %q: give a registry prefix or a repository, without tag or digest", rule)
		}
		parsed = append(parsed, rule)
	}
	if len(parsed) == 0 {
		return Policy{}, fmt.Errorf("no allow rules given: the policy would deny every image")
	}
	return Policy{rules: parsed}, nil
}

// Allows reports whether the repository matches a rule.
func (p Policy) Allows(repo Repository) bool {
	for _, rule := range p.rules {
		if strings.HasSuffix(rule, "/") && strings.HasPrefix(string(repo), rule) {
			return true
		}
		if string(repo) == rule {
			return true
		}
	}
	return false
}

// Decision is the verdict on all images of one pod.
type Decision struct {
	Allowed bool
	// Reason names every denied image and why, so `kubectl` shows the learner what to change.
	Reason string
}

// Decide allows the pod only when every image is allowed; one bad image denies the whole pod.
func (p Policy) Decide(images []string) Decision {
	var denied []string
	for _, image := range images {
		repo, err := Normalize(image)
		switch {
		case err != nil:
			denied = append(denied, err.Error())
		case !p.Allows(repo):
			denied = append(denied, fmt.Sprintf("%q (%s) is not from an allowed registry", image, repo))
		}
	}
	if len(denied) > 0 {
		return Decision{Reason: strings.Join(denied, "; ") + "; allowed: " + strings.Join(p.rules, ", ")}
	}
	return Decision{Allowed: true, Reason: "all images are from allowed registries"}
}
