package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, method, path string, headers map[string]string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func TestAWSPathsAndTokens(t *testing.T) {
	h := newMetadata("lab-control-plane", "172.18.0.2").handler()
	if code, body := get(t, h, "GET", "/latest/meta-data/", nil); code != 200 || !strings.Contains(body, "iam/\n") || !strings.Contains(body, "local-ipv4\n") {
		t.Fatalf("listing: %d %q", code, body)
	}
	if code, body := get(t, h, "GET", "/latest/meta-data/iam/security-credentials/", nil); code != 200 || body != roleName+"\n" {
		t.Fatalf("role listing: %d %q", code, body)
	}
	if code, body := get(t, h, "GET", "/latest/meta-data/iam/security-credentials/"+roleName, nil); code != 200 || !strings.Contains(body, fakeAccessKey) {
		t.Fatalf("credentials: %d %q", code, body)
	}
	if code, _ := get(t, h, "GET", "/latest/meta-data/nope", nil); code != 404 {
		t.Fatalf("missing path: %d", code)
	}
	if code, _ := get(t, h, "GET", "/latest/meta-data/local-ipv4", map[string]string{"X-aws-ec2-metadata-token": "forged"}); code != 401 {
		t.Fatalf("a forged IMDSv2 token must be refused, got %d", code)
	}
	if code, _ := get(t, h, "PUT", "/latest/api/token", nil); code != 400 {
		t.Fatalf("a token without a TTL: %d", code)
	}
	code, token := get(t, h, "PUT", "/latest/api/token", map[string]string{"X-aws-ec2-metadata-token-ttl-seconds": "60"})
	if code != 200 || len(token) != 48 {
		t.Fatalf("token: %d %q", code, token)
	}
	if code, body := get(t, h, "GET", "/latest/meta-data/local-ipv4", map[string]string{"X-aws-ec2-metadata-token": token}); code != 200 || body != "172.18.0.2" {
		t.Fatalf("with a token: %d %q", code, body)
	}
}

func TestGoogleNeedsItsHeader(t *testing.T) {
	h := newMetadata("n", "10.0.0.1").handler()
	if code, _ := get(t, h, "GET", "/computeMetadata/v1/project/project-id", nil); code != 403 {
		t.Fatalf("without Metadata-Flavor: %d", code)
	}
	if code, body := get(t, h, "GET", "/computeMetadata/v1/project/project-id", map[string]string{"Metadata-Flavor": "Google"}); code != 200 || body != "cks-lab" {
		t.Fatalf("with it: %d %q", code, body)
	}
}
