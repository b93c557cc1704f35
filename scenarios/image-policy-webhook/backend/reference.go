package main

import (
	"fmt"
	"strings"
)

// Repository is an image reference reduced to where it comes from: "docker.io/library/busybox".
// Tags and digests do not matter to a registry allow-list, so they are dropped.
type Repository string

// Normalize turns the image string a pod spec carries into its fully qualified repository, following the
// rules the container runtime uses: "busybox:1.36" is "docker.io/library/busybox", "quay.io/x/y@sha256:…"
// is "quay.io/x/y". The API server sends images exactly as written, so matching raw strings would let
// "busybox" slip past a rule for "docker.io/library/busybox" (or the other way round).
func Normalize(image string) (Repository, error) {
	name := strings.TrimSpace(image)
	if name == "" {
		return "", fmt.Errorf("empty image reference")
	}
	if at := strings.Index(name, "@"); at >= 0 {
		name = name[:at]
	}
	// a tag is a ":" after the last "/"; a ":" before it belongs to a registry port
	if colon := strings.LastIndex(name, ":"); colon > strings.LastIndex(name, "/") {
		name = name[:colon]
	}
	domain, path := splitDomain(name)
	if path == "" || strings.HasPrefix(path, "/") || strings.HasSuffix(path, "/") || strings.Contains(path, "//") {
		return "", fmt.Errorf("image reference %q has no valid repository path", image)
	}
	if path != strings.ToLower(path) {
		return "", fmt.Errorf("image reference %q: repository names must be lowercase", image)
	}
	if domain == "docker.io" && !strings.Contains(path, "/") {
		path = "library/" + path
	}
	return Repository(domain + "/" + path), nil
}

// splitDomain separates the registry host from the path; without a host-like first component the image
// comes from Docker Hub.
func splitDomain(name string) (domain, path string) {
	first, rest, found := strings.Cut(name, "/")
	if !found || !(strings.ContainsAny(first, ".:") || first == "localhost") {
		return "docker.io", name
	}
	if first == "index.docker.io" {
		return "docker.io", rest
	}
	return first, rest
}
