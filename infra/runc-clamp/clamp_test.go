package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const privilegedConfig = `{
  "ociVersion": "1.0.2",
  "process": {
    "args": ["/bin/busybox", "true"],
    "capabilities": {
      "bounding": ["CAP_CHOWN", "CAP_SYS_RESOURCE", "CAP_BPF", "CAP_SYS_ADMIN"],
      "effective": ["CAP_CHOWN", "CAP_SYS_RESOURCE", "CAP_BPF"],
      "inheritable": ["CAP_SYS_RESOURCE"],
      "permitted": ["CAP_CHOWN", "CAP_SYS_RESOURCE", "CAP_FUTURE_THING"]
    }
  },
  "linux": {"resources": {"memory": {"limit": 9223372036854775807}}, "sysctl": {"a<b": "c&d"}}
}`

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestClampCapabilitiesRemovesOnlyMissingFromEveryList(t *testing.T) {
	caps := map[string]interface{}{
		"bounding":  []interface{}{"CAP_CHOWN", "CAP_SYS_RESOURCE"},
		"effective": []interface{}{"CAP_SYS_RESOURCE"},
		"ambient":   []interface{}{"CAP_SYS_RESOURCE", "CAP_BPF"},
	}
	removed := clampCapabilities(caps, map[string]bool{"CAP_SYS_RESOURCE": true})
	want := map[string]interface{}{
		"bounding":  []interface{}{"CAP_CHOWN"},
		"effective": []interface{}{},
		"ambient":   []interface{}{"CAP_BPF"},
	}
	if !reflect.DeepEqual(caps, want) || !reflect.DeepEqual(removed, []string{"CAP_SYS_RESOURCE"}) {
		t.Fatalf("caps = %v, removed = %v", caps, removed)
	}
}

func TestClampSpecFileRewritesConfigAndKeepsEverythingElse(t *testing.T) {
	path := writeTemp(t, "config.json", privilegedConfig)
	removed, err := clampSpecFile(specTarget{path: path}, map[string]bool{"CAP_SYS_RESOURCE": true, "CAP_BPF": true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(removed, []string{"CAP_BPF", "CAP_SYS_RESOURCE"}) {
		t.Fatalf("removed = %v", removed)
	}
	raw, _ := os.ReadFile(path)
	text := string(raw)
	for _, keep := range []string{`"CAP_SYS_ADMIN"`, `"CAP_FUTURE_THING"`, `9223372036854775807`, `"a<b": "c&d"`} {
		if !strings.Contains(strings.ReplaceAll(text, `":"`, `": "`), keep) {
			t.Errorf("rewritten file lost %s:\n%s", keep, text)
		}
	}
	if strings.Contains(text, "SYS_RESOURCE") || strings.Contains(text, "CAP_BPF") {
		t.Errorf("missing capabilities still present:\n%s", text)
	}
	var parsed struct {
		Process struct {
			Capabilities map[string][]string `json:"capabilities"`
		} `json:"process"`
	}
	if err := json.Unmarshal(raw, &parsed); err != nil {
		t.Fatal(err)
	}
	if got := parsed.Process.Capabilities["inheritable"]; len(got) != 0 {
		t.Errorf("inheritable = %v, want empty", got)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600 kept", info.Mode().Perm())
	}
}

func TestClampSpecFileHandlesBareProcessFile(t *testing.T) {
	path := writeTemp(t, "process.json", `{"args":["sh"],"capabilities":{"bounding":["CAP_KILL","CAP_PERFMON"]}}`)
	removed, err := clampSpecFile(specTarget{path: path, processOnly: true}, map[string]bool{"CAP_PERFMON": true})
	if err != nil || !reflect.DeepEqual(removed, []string{"CAP_PERFMON"}) {
		t.Fatalf("removed = %v, err = %v", removed, err)
	}
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), "PERFMON") || !strings.Contains(string(raw), "CAP_KILL") {
		t.Fatalf("got %s", raw)
	}
}

func TestClampSpecFileLeavesFileUntouchedWhenNothingIsMissing(t *testing.T) {
	path := writeTemp(t, "config.json", privilegedConfig)
	removed, err := clampSpecFile(specTarget{path: path}, map[string]bool{"CAP_MAC_ADMIN": true})
	if err != nil || len(removed) != 0 {
		t.Fatalf("removed = %v, err = %v", removed, err)
	}
	raw, _ := os.ReadFile(path)
	if string(raw) != privilegedConfig {
		t.Fatal("file was rewritten although nothing was removed")
	}
}

func TestClampSpecFileReportsInvalidJSON(t *testing.T) {
	path := writeTemp(t, "config.json", `{"process": `)
	if _, err := clampSpecFile(specTarget{path: path}, map[string]bool{"CAP_BPF": true}); err == nil ||
		!strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want one naming %s", err, path)
	}
}

func TestRealRuncPrefersEnvAndRefusesItself(t *testing.T) {
	fake := writeTemp(t, "runc", "")
	got, err := realRunc(fake, "")
	if err != nil || got != fake {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := realRunc(fake, fake); err == nil {
		t.Fatal("a wrapper pointing at itself must be refused")
	}
	if _, err := realRunc(filepath.Join(t.TempDir(), "absent"), ""); err == nil ||
		!strings.Contains(err.Error(), "CKS_LAB_REAL_RUNC") {
		t.Fatalf("err = %v", err)
	}
}
