package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// testPKI is a CA with a server certificate for 127.0.0.1 and a client certificate, as setup makes with openssl.
type testPKI struct {
	pool   *x509.CertPool
	server tls.Certificate
	client tls.Certificate
}

func newTestPKI(t *testing.T) testPKI {
	t.Helper()
	caKey := newKey(t)
	caTemplate := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "image-policy-ca"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	leaf := func(serial int64, usage x509.ExtKeyUsage, ips []net.IP) tls.Certificate {
		key := newKey(t)
		template := &x509.Certificate{
			SerialNumber: big.NewInt(serial),
			Subject:      pkix.Name{CommonName: "leaf"},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(time.Hour),
			ExtKeyUsage:  []x509.ExtKeyUsage{usage},
			IPAddresses:  ips,
		}
		der, err := x509.CreateCertificate(rand.Reader, template, ca, &key.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	}
	return testPKI{
		pool:   pool,
		server: leaf(2, x509.ExtKeyUsageServerAuth, []net.IP{net.IPv4(127, 0, 0, 1)}),
		client: leaf(3, x509.ExtKeyUsageClientAuth, nil),
	}
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func startBackend(t *testing.T, pki testPKI) *httptest.Server {
	t.Helper()
	policy, err := NewPolicy([]string{"registry.k8s.io/", "docker.io/library/busybox"})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/image-policy", reviewHandler(policy, true, slog.New(slog.NewTextHandler(io.Discard, nil))))
	mux.Handle("/healthz", healthHandler())
	server := httptest.NewUnstartedServer(mux)
	server.TLS = &tls.Config{
		Certificates: []tls.Certificate{pki.server},
		ClientCAs:    pki.pool,
		ClientAuth:   tls.VerifyClientCertIfGiven,
	}
	server.StartTLS()
	t.Cleanup(server.Close)
	return server
}

func clientWith(pki testPKI, certs ...tls.Certificate) *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pki.pool, Certificates: certs}}}
}

func review(images ...string) []byte {
	request := ImageReview{APIVersion: reviewAPIVersion, Kind: reviewKind, Spec: ImageReviewSpec{Namespace: "default"}}
	for _, image := range images {
		request.Spec.Containers = append(request.Spec.Containers, ImageReviewContainerSpec{Image: image})
	}
	body, _ := json.Marshal(request)
	return body
}

func postReview(t *testing.T, client *http.Client, url string, body []byte) (int, ImageReview) {
	t.Helper()
	response, err := client.Post(url+"/image-policy", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /image-policy: %v", err)
	}
	defer response.Body.Close()
	var answer ImageReview
	if response.StatusCode == http.StatusOK {
		if err := json.NewDecoder(response.Body).Decode(&answer); err != nil {
			t.Fatalf("response is not JSON: %v", err)
		}
	}
	return response.StatusCode, answer
}

func TestReviewAnswersWithTheAPIServersShape(t *testing.T) {
	pki := newTestPKI(t)
	server := startBackend(t, pki)
	client := clientWith(pki, pki.client)

	status, allowed := postReview(t, client, server.URL, review("busybox:1.36", "registry.k8s.io/pause:3.10"))
	if status != http.StatusOK || allowed.Status == nil || !allowed.Status.Allowed {
		t.Fatalf("allowed images: got HTTP %d, %+v", status, allowed.Status)
	}
	if allowed.APIVersion != reviewAPIVersion || allowed.Kind != reviewKind {
		t.Errorf("response is %s %s, want %s %s", allowed.APIVersion, allowed.Kind, reviewAPIVersion, reviewKind)
	}

	status, denied := postReview(t, client, server.URL, review("busybox:1.36", "nginx:1.27"))
	if status != http.StatusOK || denied.Status == nil || denied.Status.Allowed {
		t.Fatalf("disallowed image: got HTTP %d, %+v", status, denied.Status)
	}
	if !strings.Contains(denied.Status.Reason, "nginx:1.27") {
		t.Errorf("reason %q does not name the denied image", denied.Status.Reason)
	}
}

func TestReviewNeedsAClientCertificate(t *testing.T) {
	pki := newTestPKI(t)
	server := startBackend(t, pki)
	if status, _ := postReview(t, clientWith(pki), server.URL, review("busybox")); status != http.StatusUnauthorized {
		t.Errorf("without a client certificate: HTTP %d, want 401", status)
	}
	response, err := clientWith(pki).Get(server.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	response.Body.Close()
	if response.StatusCode != http.StatusOK {
		t.Errorf("/healthz without a client certificate: HTTP %d, want 200 (kubelet probes carry none)", response.StatusCode)
	}
}

func TestReviewRejectsForeignBodies(t *testing.T) {
	pki := newTestPKI(t)
	server := startBackend(t, pki)
	client := clientWith(pki, pki.client)
	for name, body := range map[string][]byte{
		"not JSON":   []byte("images please"),
		"wrong kind": []byte(`{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview"}`),
	} {
		if status, _ := postReview(t, client, server.URL, body); status != http.StatusBadRequest {
			t.Errorf("%s: HTTP %d, want 400", name, status)
		}
	}
}

func TestReviewSimulatesAnOutageWhenAsked(t *testing.T) {
	pki := newTestPKI(t)
	server := startBackend(t, pki)
	client := clientWith(pki, pki.client)
	request := ImageReview{APIVersion: reviewAPIVersion, Kind: reviewKind, Spec: ImageReviewSpec{
		Namespace:   "default",
		Containers:  []ImageReviewContainerSpec{{Image: "busybox:1.37"}},
		Annotations: map[string]string{outageAnnotation: "true"},
	}}
	body, _ := json.Marshal(request)
	response, err := client.Post(server.URL+"/image-policy", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("with the outage annotation: HTTP %d, want 503", response.StatusCode)
	}
	if response.Header.Get("Retry-After") != "" {
		t.Error("a Retry-After header makes the API server retry instead of deciding at once")
	}
	var status struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
		Code    int    `json:"code"`
	}
	if err := json.NewDecoder(response.Body).Decode(&status); err != nil {
		t.Fatalf("outage body is not JSON: %v", err)
	}
	if status.Kind != "Status" || status.Code != http.StatusServiceUnavailable || !strings.Contains(status.Message, "outage simulated") {
		t.Errorf("outage body %+v, want a Status with code 503 and the outage message", status)
	}

	// any other value of the annotation is an ordinary review
	request.Spec.Annotations[outageAnnotation] = "false"
	body, _ = json.Marshal(request)
	if code, answer := postReview(t, client, server.URL, body); code != http.StatusOK || answer.Status == nil || !answer.Status.Allowed {
		t.Errorf("with the annotation set to false: HTTP %d, %+v, want an allowed review", code, answer.Status)
	}
}
