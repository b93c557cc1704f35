//go:build tools

// Package tools pins the Gatekeeper module for `go mod tidy`: scenario.yaml compiles its manager
// (images[].goPackage: github.com/open-policy-agent/gatekeeper/v3) at the version go.mod requires.
// After changing the version: GOFLAGS=-mod=mod GOSUMDB=off go mod tidy (in this folder).
package tools

import _ "github.com/open-policy-agent/gatekeeper/v3"
