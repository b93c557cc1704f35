package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

var capabilityLists = []string{"bounding", "effective", "inheritable", "permitted", "ambient"}

// clampCapabilities removes missing capabilities from every list of an OCI "capabilities" object.
// It returns the removed names (sorted, unique).
func clampCapabilities(capabilities map[string]interface{}, missing map[string]bool) []string {
	removed := map[string]bool{}
	for _, list := range capabilityLists {
		names, ok := capabilities[list].([]interface{})
		if !ok {
			continue
		}
		kept := make([]interface{}, 0, len(names))
		for _, entry := range names {
			if name, isString := entry.(string); isString && isMissing(name, missing) {
				removed[name] = true
				continue
			}
			kept = append(kept, entry)
		}
		capabilities[list] = kept
	}
	return sortedKeys(removed)
}

// clampSpecFile rewrites a config.json (or a bare process file) without the missing capabilities.
// The file is left untouched when nothing needs removing.
func clampSpecFile(target specTarget, missing map[string]bool) ([]string, error) {
	raw, err := os.ReadFile(target.path)
	if err != nil {
		return nil, err
	}
	var spec map[string]interface{}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.UseNumber() // keep 64-bit limits and ids exact
	if err := decoder.Decode(&spec); err != nil {
		return nil, fmt.Errorf("%s is not valid JSON: %w", target.path, err)
	}
	process := spec
	if !target.processOnly {
		process, _ = spec["process"].(map[string]interface{})
	}
	capabilities, _ := process["capabilities"].(map[string]interface{})
	if capabilities == nil {
		return nil, nil
	}
	removed := clampCapabilities(capabilities, missing)
	if len(removed) == 0 {
		return nil, nil
	}
	return removed, writeJSONAtomically(target.path, spec)
}

func writeJSONAtomically(path string, value interface{}) error {
	var buffer bytes.Buffer
	encoder := json.NewEncoder(&buffer)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(value); err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	temp, err := os.CreateTemp(filepath.Dir(path), ".cks-lab-clamp-*")
	if err != nil {
		return err
	}
	defer os.Remove(temp.Name()) // no-op after a successful rename
	if _, err := temp.Write(buffer.Bytes()); err != nil {
		temp.Close()
		return err
	}
	if err := temp.Chmod(info.Mode().Perm()); err != nil {
		temp.Close()
		return err
	}
	if err := temp.Close(); err != nil {
		return err
	}
	return os.Rename(temp.Name(), path)
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for key := range set {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}
