package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// A fixed role name and obviously fake keys: scenarios and learners can recognise a successful read.
const (
	roleName      = "cks-lab-node-role"
	fakeAccessKey = "ASIACKSLABFAKEKEY000"
	fakeSecretKey = "cks-lab/fake/secret/never-valid-anywhere"
	tokenTTLMax   = 21600
)

type metadata struct {
	tree   map[string]string // AWS path under /latest/meta-data/ -> value
	gcp    map[string]string // path under /computeMetadata/v1/ -> value
	mu     sync.Mutex
	tokens map[string]time.Time
}

func newMetadata(hostname, ip string) *metadata {
	creds, _ := json.MarshalIndent(map[string]string{
		"Code":            "Success",
		"Type":            "AWS-HMAC",
		"AccessKeyId":     fakeAccessKey,
		"SecretAccessKey": fakeSecretKey,
		"Token":           "cks-lab-fake-session-token",
		"Expiration":      "2099-01-01T00:00:00Z",
		"LastUpdated":     "2026-01-01T00:00:00Z",
	}, "", "  ")
	return &metadata{
		tree: map[string]string{
			"ami-id":                               "ami-0c5a1ab0cks1ab00",
			"hostname":                             hostname,
			"local-hostname":                       hostname,
			"instance-id":                          "i-0" + strings.Repeat("c", 16),
			"instance-type":                        "m5.large",
			"local-ipv4":                           ip,
			"placement/availability-zone":          "eu-west-1a",
			"placement/region":                     "eu-west-1",
			"iam/info":                             `{"Code":"Success","InstanceProfileArn":"arn:aws:iam::000000000000:instance-profile/` + roleName + `"}`,
			"iam/security-credentials/" + roleName: string(creds),
			"identity-credentials/ec2/info":        `{"Code":"Success","AccountId":"000000000000"}`,
		},
		gcp: map[string]string{
			"instance/hostname":                       hostname,
			"instance/id":                             "4242424242424242",
			"instance/zone":                           "projects/000000000000/zones/europe-west1-b",
			"instance/network-interfaces/0/ip":        ip,
			"instance/service-accounts/default/email": "cks-lab-node@cks-lab.iam.gserviceaccount.com",
			"instance/service-accounts/default/token": `{"access_token":"cks-lab-fake-gcp-token","expires_in":3599,"token_type":"Bearer"}`,
			"project/project-id":                      "cks-lab",
		},
		tokens: map[string]time.Time{},
	}
}

func (m *metadata) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/latest/api/token", m.issueToken)
	mux.HandleFunc("/latest/meta-data/", m.aws)
	mux.HandleFunc("/latest/meta-data", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/latest/meta-data/", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/computeMetadata/v1/", m.google)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte("latest\n"))
	})
	return mux
}

// IMDSv2: PUT with a TTL header returns a session token the GETs may carry.
func (m *metadata) issueToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPut {
		w.Header().Set("Allow", "PUT")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	ttl, ok := parseTTL(r.Header.Get("X-aws-ec2-metadata-token-ttl-seconds"))
	if !ok {
		http.Error(w, "missing or invalid X-aws-ec2-metadata-token-ttl-seconds", http.StatusBadRequest)
		return
	}
	buf := make([]byte, 24)
	_, _ = rand.Read(buf)
	token := hex.EncodeToString(buf)
	m.mu.Lock()
	now := time.Now()
	for t, expiry := range m.tokens { // bounded: expired tokens go on every issue
		if now.After(expiry) {
			delete(m.tokens, t)
		}
	}
	if len(m.tokens) < 10000 {
		m.tokens[token] = now.Add(time.Duration(ttl) * time.Second)
	}
	m.mu.Unlock()
	w.Header().Set("X-aws-ec2-metadata-token-ttl-seconds", r.Header.Get("X-aws-ec2-metadata-token-ttl-seconds"))
	_, _ = w.Write([]byte(token))
}

func parseTTL(value string) (int, bool) {
	n := 0
	if value == "" || len(value) > 5 {
		return 0, false
	}
	for _, c := range value {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n >= 1 && n <= tokenTTLMax
}

// A token, when sent, must be valid (as on EC2); without one the request is IMDSv1 and answered.
func (m *metadata) aws(w http.ResponseWriter, r *http.Request) {
	if token := r.Header.Get("X-aws-ec2-metadata-token"); token != "" {
		m.mu.Lock()
		expiry, ok := m.tokens[token]
		m.mu.Unlock()
		if !ok || time.Now().After(expiry) {
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
	}
	serveTree(w, r, m.tree, strings.TrimPrefix(r.URL.Path, "/latest/meta-data/"))
}

func (m *metadata) google(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Metadata-Flavor") != "Google" {
		http.Error(w, "Missing Metadata-Flavor:Google header.", http.StatusForbidden)
		return
	}
	w.Header().Set("Metadata-Flavor", "Google")
	serveTree(w, r, m.gcp, strings.TrimPrefix(r.URL.Path, "/computeMetadata/v1/"))
}

// serveTree answers a leaf with its value and a folder (a prefix of leaves) with its entries, one per line.
func serveTree(w http.ResponseWriter, r *http.Request, tree map[string]string, path string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if value, ok := tree[path]; ok {
		_, _ = w.Write([]byte(value))
		return
	}
	prefix := path
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	entries := map[string]bool{}
	for key := range tree {
		if !strings.HasPrefix(key, prefix) {
			continue
		}
		rest := strings.TrimPrefix(key, prefix)
		if i := strings.Index(rest, "/"); i >= 0 {
			entries[rest[:i+1]] = true
		} else {
			entries[rest] = true
		}
	}
	if len(entries) == 0 {
		http.NotFound(w, r)
		return
	}
	names := make([]string, 0, len(entries))
	for name := range entries {
		names = append(names, name)
	}
	sort.Strings(names)
	_, _ = w.Write([]byte(strings.Join(names, "\n") + "\n"))
}

// nodeIPv4 is the node's address on its Docker network (eth0), for local-ipv4.
func nodeIPv4() string {
	iface, err := net.InterfaceByName("eth0")
	if err != nil {
		return ""
	}
	addrs, _ := iface.Addrs()
	for _, addr := range addrs {
		if ipnet, ok := addr.(*net.IPNet); ok && ipnet.IP.To4() != nil {
			return ipnet.IP.String()
		}
	}
	return ""
}
