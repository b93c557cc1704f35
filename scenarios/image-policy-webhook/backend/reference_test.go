package main

import "testing"

func TestNormalize(t *testing.T) {
	cases := map[string]Repository{
		"busybox":                                 "docker.io/library/busybox",
		"busybox:1.36":                            "docker.io/library/busybox",
		"docker.io/library/busybox:1.36":          "docker.io/library/busybox",
		"index.docker.io/library/busybox":         "docker.io/library/busybox",
		"library/busybox@sha256:abc":              "docker.io/library/busybox",
		"bitnami/nginx:1.25":                      "docker.io/bitnami/nginx",
		"registry.k8s.io/kube-apiserver:v1.32.6":  "registry.k8s.io/kube-apiserver",
		"registry.k8s.io/coredns/coredns:v1.11.3": "registry.k8s.io/coredns/coredns",
		"localhost:5000/tools/scanner:2":          "localhost:5000/tools/scanner",
		"localhost/app":                           "localhost/app",
		"quay.io/evil/miner@sha256:0123":          "quay.io/evil/miner",
		"registry.k8s.io.evil.example/pause:3.10": "registry.k8s.io.evil.example/pause",
		"  nginx  ":                               "docker.io/library/nginx",
	}
	for image, want := range cases {
		got, err := Normalize(image)
		if err != nil {
			t.Errorf("Normalize(%q): unexpected error %v", image, err)
			continue
		}
		if got != want {
			t.Errorf("Normalize(%q) = %q, want %q", image, got, want)
		}
	}
}

func TestNormalizeRejectsMalformed(t *testing.T) {
	for _, image := range []string{"", "   ", "registry.k8s.io/", "quay.io//x", "Docker.io/Library/BusyBox"} {
		if got, err := Normalize(image); err == nil {
			t.Errorf("Normalize(%q) = %q, want an error", image, got)
		}
	}
}
