// Command runc-clamp is an OCI runtime wrapper for hosts whose capability bounding set lacks capabilities
// that privileged containers ask for (runc then fails with "unable to apply caps: operation not permitted").
// It removes those capabilities from the spec runc is about to read, then execs the real runc with the same argv.
package main

import (
	"fmt"
	"os"
	"strings"
	"syscall"
)

const logPrefix = "cks-lab-runc-clamp: "

func main() {
	runc, err := realRunc(os.Getenv("CKS_LAB_REAL_RUNC"), selfPath())
	if err != nil {
		fmt.Fprintln(os.Stderr, logPrefix+err.Error())
		os.Exit(127)
	}
	if err := clampInvocation(os.Args[1:]); err != nil {
		// Still run runc: it reports the real failure, and a clamp bug must not hide runc's own errors.
		fmt.Fprintln(os.Stderr, logPrefix+"could not clamp capabilities: "+err.Error())
	}
	err = syscall.Exec(runc, os.Args, os.Environ())
	fmt.Fprintf(os.Stderr, "%sexec %s: %v\n", logPrefix, runc, err)
	os.Exit(127)
}

// clampInvocation rewrites the spec of create/run/exec invocations; other invocations cost nothing.
func clampInvocation(args []string) error {
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	target, ok := targetOf(args, cwd)
	if !ok {
		return nil
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return err
	}
	bounding, err := boundingSetFromStatus(string(status))
	if err != nil {
		return err
	}
	missing := capabilitiesOutside(bounding)
	if len(missing) == 0 {
		return nil
	}
	removed, err := clampSpecFile(target, missing)
	if os.IsNotExist(err) {
		return nil // runc explains a missing bundle better than we can
	}
	if err == nil && len(removed) > 0 && os.Getenv("CKS_LAB_CLAMP_DEBUG") != "" {
		fmt.Fprintf(os.Stderr, "%sremoved %s from %s\n", logPrefix, strings.Join(removed, ","), target.path)
	}
	return err
}

func selfPath() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	return path
}
