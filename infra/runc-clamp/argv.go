package main

import (
	"path/filepath"
	"strings"
)

// specTarget is the JSON file a runc invocation takes capabilities from.
type specTarget struct {
	path string
	// processOnly: the file is a bare OCI process (runc exec --process), not a bundle's config.json.
	processOnly bool
}

// runc's global flags that take a value; every other global flag is boolean.
var globalValueFlags = map[string]bool{"root": true, "log": true, "log-format": true, "criu": true, "rootless": true}

// Flags of create/run/exec that take a value (urfave/cli: "--name value", "--name=value", "-name value").
var commandValueFlags = map[string]map[string]bool{
	"create": {"bundle": true, "b": true, "console-socket": true, "pid-file": true, "preserve-fds": true},
	"run":    {"bundle": true, "b": true, "console-socket": true, "pid-file": true, "preserve-fds": true},
	"exec": {
		"console": true, "console-socket": true, "cwd": true, "env": true, "e": true, "user": true, "u": true,
		"additional-gids": true, "g": true, "process": true, "p": true, "pid-file": true, "process-label": true,
		"apparmor": true, "cap": true, "c": true, "preserve-fds": true, "cgroup": true,
	},
}

// flagName splits "--name=value" / "-name" into name and inline value; ok is false for non-flags.
func flagName(arg string) (name string, inline string, hasInline bool, ok bool) {
	if len(arg) < 2 || arg[0] != '-' || arg == "--" {
		return "", "", false, false
	}
	trimmed := strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")
	if eq := strings.IndexByte(trimmed, '='); eq >= 0 {
		return trimmed[:eq], trimmed[eq+1:], true, true
	}
	return trimmed, "", false, true
}

// subcommand returns the runc subcommand and the arguments after it.
func subcommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		name, _, hasInline, isFlag := flagName(args[i])
		if args[i] == "--" {
			return "", nil
		}
		if !isFlag {
			return args[i], args[i+1:]
		}
		if globalValueFlags[name] && !hasInline {
			i++ // skip the flag's value
		}
	}
	return "", nil
}

// targetOf finds the spec file a runc invocation (argv without argv[0]) will read capabilities from.
// ok is false for invocations that start no process (state, kill, delete, ...).
func targetOf(args []string, cwd string) (specTarget, bool) {
	command, rest := subcommand(args)
	valueFlags, interesting := commandValueFlags[command]
	if !interesting {
		return specTarget{}, false
	}
	bundle, process := "", ""
	for i := 0; i < len(rest); i++ {
		name, value, hasInline, isFlag := flagName(rest[i])
		if rest[i] == "--" {
			break
		}
		if !isFlag {
			if command == "exec" {
				break // exec stops parsing flags at the container id: what follows is the command
			}
			continue
		}
		if !valueFlags[name] {
			continue
		}
		if !hasInline {
			if i+1 >= len(rest) {
				break
			}
			i++
			value = rest[i]
		}
		switch name {
		case "bundle", "b":
			bundle = value
		case "process", "p":
			process = value
		}
	}
	if command == "exec" {
		if process == "" {
			return specTarget{}, false // caps come from the already-clamped container config
		}
		return specTarget{path: absolute(process, cwd), processOnly: true}, true
	}
	if bundle == "" {
		bundle = cwd
	}
	return specTarget{path: filepath.Join(absolute(bundle, cwd), "config.json")}, true
}

func absolute(path, cwd string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(cwd, path)
}
