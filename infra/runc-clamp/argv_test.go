package main

import "testing"

func TestTargetOf(t *testing.T) {
	cwd := "/run/containerd/bundle"
	cases := []struct {
		name        string
		args        []string
		wantOK      bool
		wantPath    string
		processOnly bool
	}{
		{"docker shim create", []string{"--root", "/var/run/docker/runtime-runc/moby", "--log", "/x/log.json",
			"--log-format", "json", "--systemd-cgroup", "create", "--bundle", "/b/1", "--pid-file", "/b/1/init.pid",
			"--console-socket", "/tmp/s.sock", "c1"}, true, "/b/1/config.json", false},
		{"bundle with equals", []string{"create", "--bundle=/b/2", "c2"}, true, "/b/2/config.json", false},
		{"short bundle flag", []string{"run", "-b", "/b/3", "--detach", "c3"}, true, "/b/3/config.json", false},
		{"single-dash long flag", []string{"create", "-bundle", "/b/4", "c4"}, true, "/b/4/config.json", false},
		{"bundle defaults to cwd", []string{"run", "c5"}, true, cwd + "/config.json", false},
		{"relative bundle", []string{"create", "--bundle", "rel", "c6"}, true, cwd + "/rel/config.json", false},
		{"flag after container id", []string{"create", "c7", "--bundle", "/b/7"}, true, "/b/7/config.json", false},
		{"global value flag named like a command", []string{"--root", "create", "run", "c8"}, true,
			cwd + "/config.json", false},
		{"exec with process file", []string{"--root", "/r", "--log", "/l", "--log-format", "json", "exec",
			"--process", "/tmp/runc-process1", "--detach", "--pid-file", "/p", "c9"}, true, "/tmp/runc-process1", true},
		{"exec with -p=", []string{"exec", "-p=/tmp/p2", "c10"}, true, "/tmp/p2", true},
		{"exec without process file", []string{"exec", "-t", "c11", "sh"}, false, "", false},
		{"exec flags after the container id belong to the command", []string{"exec", "c12", "ls", "-p", "/x"},
			false, "", false},
		{"state", []string{"--root", "/r", "state", "c13"}, false, "", false},
		{"delete", []string{"delete", "--force", "c14"}, false, "", false},
		{"version", []string{"--version"}, false, "", false},
		{"no args", []string{}, false, "", false},
		{"double dash ends global flags", []string{"--", "create"}, false, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := targetOf(c.args, cwd)
			if ok != c.wantOK || got.path != c.wantPath || got.processOnly != c.processOnly {
				t.Fatalf("targetOf(%q) = %+v, %v; want %q processOnly=%v ok=%v",
					c.args, got, ok, c.wantPath, c.processOnly, c.wantOK)
			}
		})
	}
}
