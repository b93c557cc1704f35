package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

const serviceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount"

type apiClient struct {
	base   string
	client *http.Client
}

type node struct {
	name       string
	podCIDR    string
	internalIP string
}

func newAPIClient(base string) (*apiClient, error) {
	caPEM, err := os.ReadFile(serviceAccountDir + "/ca.crt")
	if err != nil {
		return nil, fmt.Errorf("service account CA: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("service account CA %s/ca.crt holds no certificate", serviceAccountDir)
	}
	transport := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
	return &apiClient{base: strings.TrimRight(base, "/"), client: &http.Client{Transport: transport, Timeout: 10 * time.Second}}, nil
}

type nodeList struct {
	Items []struct {
		Metadata struct {
			Name string `json:"name"`
		} `json:"metadata"`
		Spec struct {
			PodCIDR string `json:"podCIDR"`
		} `json:"spec"`
		Status struct {
			Addresses []struct {
				Type    string `json:"type"`
				Address string `json:"address"`
			} `json:"addresses"`
		} `json:"status"`
	} `json:"items"`
}

func (a *apiClient) listNodes(ctx context.Context) ([]node, error) {
	// the token is re-read each time: projected tokens rotate
	token, err := os.ReadFile(serviceAccountDir + "/token")
	if err != nil {
		return nil, fmt.Errorf("service account token: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.base+"/api/v1/nodes", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(token)))
	req.Header.Set("Accept", "application/json")
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("list nodes: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("list nodes: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("list nodes: HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	return parseNodes(body)
}

func parseNodes(body []byte) ([]node, error) {
	var list nodeList
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, fmt.Errorf("list nodes: %w", err)
	}
	nodes := make([]node, 0, len(list.Items))
	for _, item := range list.Items {
		n := node{name: item.Metadata.Name, podCIDR: item.Spec.PodCIDR}
		for _, addr := range item.Status.Addresses {
			if addr.Type == "InternalIP" && !strings.Contains(addr.Address, ":") {
				n.internalIP = addr.Address
				break
			}
		}
		nodes = append(nodes, n)
	}
	return nodes, nil
}
