package main

import (
	"fmt"
	"os"
	"path/filepath"
)

var defaultRuncPaths = []string{"/usr/sbin/runc", "/usr/bin/runc"}

// realRunc picks the runc to exec: $CKS_LAB_REAL_RUNC, else the first default path that exists.
// It refuses a path that resolves to this wrapper, which would exec itself forever.
func realRunc(fromEnv string, self string) (string, error) {
	candidates := defaultRuncPaths
	if fromEnv != "" {
		candidates = []string{fromEnv}
	}
	for _, candidate := range candidates {
		resolved, err := filepath.EvalSymlinks(candidate)
		if err != nil {
			continue
		}
		if info, err := os.Stat(resolved); err != nil || info.IsDir() {
			continue
		}
		if self != "" && sameFile(resolved, self) {
			return "", fmt.Errorf("%s is this wrapper, not runc: set CKS_LAB_REAL_RUNC to the real runc", candidate)
		}
		return candidate, nil
	}
	if fromEnv != "" {
		return "", fmt.Errorf("CKS_LAB_REAL_RUNC=%s does not exist", fromEnv)
	}
	return "", fmt.Errorf("runc not found at %v: install runc or set CKS_LAB_REAL_RUNC", defaultRuncPaths)
}

func sameFile(a, b string) bool {
	infoA, errA := os.Stat(a)
	infoB, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(infoA, infoB)
}
