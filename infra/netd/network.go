package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// cniConfig is kindnetd's: a point-to-point veth per pod with addresses from this node's podCIDR.
func cniConfig(podCIDR string) ([]byte, error) {
	conf := map[string]any{
		"cniVersion": "0.3.1",
		"name":       "cks-lab",
		"plugins": []any{
			map[string]any{
				"type":   "ptp",
				"ipMasq": false,
				"mtu":    1500,
				"ipam": map[string]any{
					"type":    "host-local",
					"dataDir": "/run/cni-ipam-state",
					"routes":  []any{map[string]any{"dst": "0.0.0.0/0"}},
					"ranges":  []any{[]any{map[string]any{"subnet": podCIDR}}},
				},
			},
			map[string]any{"type": "portmap", "capabilities": map[string]any{"portMappings": true}},
		},
	}
	return json.MarshalIndent(conf, "", "  ")
}

// writeCNIConfig replaces the file atomically: containerd watches the folder and must never read half a file.
func writeCNIConfig(path, podCIDR string) error {
	data, err := cniConfig(podCIDR)
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write CNI config: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write CNI config: %w", err)
	}
	return nil
}

const masqChain = "CKS-LAB-MASQ"

// masqueradeRules: pod traffic to other pods keeps its address; everything else leaves as the node.
func masqueradeRules(podSubnet string) [][]string {
	return [][]string{
		{"-t", "nat", "-A", masqChain, "-d", podSubnet, "-j", "RETURN"},
		{"-t", "nat", "-A", masqChain, "-j", "MASQUERADE"},
		{"-t", "nat", "-A", "POSTROUTING", "-s", podSubnet, "-j", masqChain},
	}
}

func ensureMasquerade(podSubnet string) error {
	if err := run("iptables", "-w", "-t", "nat", "-N", masqChain); err != nil && !strings.Contains(err.Error(), "exists") {
		return err
	}
	for _, rule := range masqueradeRules(podSubnet) {
		check := append([]string{"-w"}, rule...)
		for i, arg := range check {
			if arg == "-A" {
				check[i] = "-C"
			}
		}
		if run("iptables", check...) == nil {
			continue
		}
		if err := run("iptables", append([]string{"-w"}, rule...)...); err != nil {
			return err
		}
	}
	return nil
}

func run(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}
