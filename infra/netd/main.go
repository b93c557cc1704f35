// cks-lab-netd is the pod network of offline cks-lab nodes. kind's kindnetd cannot be built here (the Go module
// proxy serves no version of it), so this does the same job for kind's flat Docker network: it writes the CNI
// config for this node's podCIDR, routes every other node's podCIDR via that node's IP, and masquerades pod
// traffic that leaves the pod network.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"
)

const resyncInterval = 5 * time.Second

func main() {
	cfg, err := configFromEnv()
	if err != nil {
		log.Fatalf("cks-lab-netd: %v", err)
	}
	api, err := newAPIClient(cfg.apiServer)
	if err != nil {
		log.Fatalf("cks-lab-netd: %v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	log.Printf("cks-lab-netd on node %s, pod subnet %s, API %s", cfg.nodeName, cfg.podSubnet, cfg.apiServer)

	if err := ensureMasquerade(cfg.podSubnet); err != nil {
		log.Fatalf("cks-lab-netd: masquerade rules: %v", err)
	}
	state := &syncState{routes: map[string]string{}}
	ticker := time.NewTicker(resyncInterval)
	defer ticker.Stop()
	for {
		if err := syncOnce(ctx, api, cfg, state); err != nil {
			log.Printf("sync failed (retrying in %s): %v", resyncInterval, err)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

type config struct {
	nodeName  string
	podSubnet string
	apiServer string
	cniConfig string
}

func configFromEnv() (config, error) {
	cfg := config{
		nodeName:  os.Getenv("NODE_NAME"),
		podSubnet: os.Getenv("POD_SUBNET"),
		cniConfig: envOr("CNI_CONFIG_PATH", "/etc/cni/net.d/10-cks-lab.conflist"),
	}
	// kind patches CONTROL_PLANE_ENDPOINT in so the network comes up before kube-proxy serves the service IP
	if endpoint := os.Getenv("CONTROL_PLANE_ENDPOINT"); endpoint != "" {
		cfg.apiServer = "https://" + endpoint
	} else if host := os.Getenv("KUBERNETES_SERVICE_HOST"); host != "" {
		cfg.apiServer = fmt.Sprintf("https://%s:%s", host, envOr("KUBERNETES_SERVICE_PORT", "443"))
	}
	switch {
	case cfg.nodeName == "":
		return cfg, fmt.Errorf("NODE_NAME is not set (use the downward API: spec.nodeName)")
	case cfg.podSubnet == "":
		return cfg, fmt.Errorf("POD_SUBNET is not set (the cluster's pod CIDR)")
	case cfg.apiServer == "":
		return cfg, fmt.Errorf("neither CONTROL_PLANE_ENDPOINT nor KUBERNETES_SERVICE_HOST is set")
	}
	return cfg, nil
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

type syncState struct {
	cniWritten string
	routes     map[string]string // podCIDR -> node IP
}

func syncOnce(ctx context.Context, api *apiClient, cfg config, state *syncState) error {
	nodes, err := api.listNodes(ctx)
	if err != nil {
		return err
	}
	for _, n := range nodes {
		if n.podCIDR == "" || n.internalIP == "" {
			continue
		}
		if n.name == cfg.nodeName {
			if state.cniWritten != n.podCIDR {
				if err := writeCNIConfig(cfg.cniConfig, n.podCIDR); err != nil {
					return err
				}
				state.cniWritten = n.podCIDR
				log.Printf("CNI config for pod CIDR %s written to %s", n.podCIDR, cfg.cniConfig)
			}
			continue
		}
		if state.routes[n.podCIDR] == n.internalIP {
			continue
		}
		if err := run("ip", "route", "replace", n.podCIDR, "via", n.internalIP); err != nil {
			return err
		}
		state.routes[n.podCIDR] = n.internalIP
		log.Printf("route %s via %s (node %s)", n.podCIDR, n.internalIP, n.name)
	}
	return nil
}
