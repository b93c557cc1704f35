package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseNodesTakesIPv4InternalIP(t *testing.T) {
	body := []byte(`{"items":[{"metadata":{"name":"a"},"spec":{"podCIDR":"10.244.0.0/24"},
	  "status":{"addresses":[{"type":"Hostname","address":"a"},{"type":"InternalIP","address":"fc00::2"},
	  {"type":"InternalIP","address":"172.18.0.2"}]}},
	  {"metadata":{"name":"b"},"spec":{},"status":{"addresses":[]}}]}`)
	nodes, err := parseNodes(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 2 || nodes[0].internalIP != "172.18.0.2" || nodes[0].podCIDR != "10.244.0.0/24" {
		t.Fatalf("unexpected nodes: %+v", nodes)
	}
	if nodes[1].internalIP != "" || nodes[1].podCIDR != "" {
		t.Fatalf("node without addresses should stay empty: %+v", nodes[1])
	}
}

func TestCNIConfigUsesPodCIDR(t *testing.T) {
	data, err := cniConfig("10.244.1.0/24")
	if err != nil {
		t.Fatal(err)
	}
	var conf map[string]any
	if err := json.Unmarshal(data, &conf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"subnet": "10.244.1.0/24"`) || conf["plugins"] == nil {
		t.Fatalf("config does not carry the pod CIDR: %s", data)
	}
}

func TestMasqueradeKeepsPodToPodTraffic(t *testing.T) {
	rules := masqueradeRules("10.244.0.0/16")
	if got := strings.Join(rules[0], " "); got != "-t nat -A CKS-LAB-MASQ -d 10.244.0.0/16 -j RETURN" {
		t.Fatalf("first rule must return pod-to-pod traffic, got %q", got)
	}
	if got := strings.Join(rules[2], " "); !strings.Contains(got, "POSTROUTING -s 10.244.0.0/16") {
		t.Fatalf("pod traffic must enter the chain from POSTROUTING, got %q", got)
	}
}

func TestConfigRequiresNodeName(t *testing.T) {
	t.Setenv("NODE_NAME", "")
	t.Setenv("POD_SUBNET", "10.244.0.0/16")
	t.Setenv("CONTROL_PLANE_ENDPOINT", "cp:6443")
	if _, err := configFromEnv(); err == nil || !strings.Contains(err.Error(), "NODE_NAME") {
		t.Fatalf("expected NODE_NAME error, got %v", err)
	}
}
