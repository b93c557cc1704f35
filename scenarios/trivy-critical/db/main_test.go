package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	trivydb "github.com/aquasecurity/trivy-db/pkg/db"
	"github.com/aquasecurity/trivy-db/pkg/metadata"
	"github.com/aquasecurity/trivy-db/pkg/types"
	"github.com/aquasecurity/trivy-db/pkg/vulnsrc/vulnerability"
)

const goSource = "go::GitHub Security Advisory Go"

// The DB holds what trivy's Go-binary scan looks up: advisories per module in the "go::" bucket, and per
// vulnerability the severity GitHub published.
func TestBuildFromFixture(t *testing.T) {
	out := t.TempDir()
	if err := build("advisories", out); err != nil {
		t.Fatal(err)
	}
	if err := trivydb.Init(out); err != nil {
		t.Fatal(err)
	}
	defer trivydb.Close()
	dbc := trivydb.Config{}

	want := []struct {
		module, id, vulnerable, severity string
	}{
		{"golang.org/x/crypto", "CVE-2024-45337", "<0.31.0", "CRITICAL"},
		{"golang.org/x/crypto", "CVE-2023-48795", ">=0.1.0, <0.17.0", "MEDIUM"},
		{"github.com/golang-jwt/jwt/v5", "CVE-2025-30204", ">=5.0.0-rc.1, <5.2.2", "HIGH"},
		{"github.com/golang-jwt/jwt/v4", "CVE-2025-30204", "<4.5.2", "HIGH"},
	}
	for _, w := range want {
		advisories, err := dbc.GetAdvisories(goSource, w.module)
		if err != nil {
			t.Fatal(err)
		}
		advisory := findAdvisory(advisories, w.id)
		if advisory == nil {
			t.Errorf("%s: no advisory %s in %q (got %+v)", w.module, w.id, goSource, advisories)
			continue
		}
		if !contains(advisory.VulnerableVersions, w.vulnerable) {
			t.Errorf("%s %s: vulnerable versions %q, want one of them to be %q", w.module, w.id, advisory.VulnerableVersions, w.vulnerable)
		}
		vuln, err := dbc.GetVulnerability(w.id)
		if err != nil {
			t.Fatal(err)
		}
		if got := vuln.VendorSeverity[vulnerability.GHSA].String(); got != w.severity {
			t.Errorf("%s: GHSA severity %s, want %s", w.id, got, w.severity)
		}
	}
	if advisories, _ := dbc.GetAdvisories(goSource, "golang.org/x/net"); len(advisories) != 0 {
		t.Errorf("golang.org/x/net has no advisory in the fixture, the DB has %+v", advisories)
	}
}

func TestMetadataIsSchema2AndCurrent(t *testing.T) {
	out := t.TempDir()
	if err := build("advisories", out); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(out, "metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	var md metadata.Metadata
	if err := json.Unmarshal(raw, &md); err != nil {
		t.Fatal(err)
	}
	if md.Version != 2 {
		t.Errorf("schema version %d, trivy v0.58 reads 2", md.Version)
	}
	if !md.NextUpdate.After(md.UpdatedAt.Add(365 * 24 * 60 * 60 * 1e9)) {
		t.Errorf("NextUpdate %s is not far ahead of UpdatedAt %s: trivy would try to download a DB", md.NextUpdate, md.UpdatedAt)
	}
}

func TestRejectsUnknownSeverity(t *testing.T) {
	dir := t.TempDir()
	record := `{"id": "GHSA-test-test-test", "details": "", "severity": [], "affected": [
	  {"package": {"ecosystem": "Go", "name": "example.com/m"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0.0"}]}]}],
	  "database_specific": {"severity": "SEVERE"}}`
	if err := os.WriteFile(filepath.Join(dir, "GHSA-test-test-test.json"), []byte(record), 0o644); err != nil {
		t.Fatal(err)
	}
	err := build(dir, t.TempDir())
	if err == nil {
		t.Fatal("a record with severity SEVERE was accepted")
	}
	t.Log(err)
}

func findAdvisory(advisories []types.Advisory, id string) *types.Advisory {
	for i := range advisories {
		if advisories[i].VulnerabilityID == id {
			return &advisories[i]
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}
