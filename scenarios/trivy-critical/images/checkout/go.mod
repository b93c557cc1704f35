module cks-lab.local/scenarios/trivy-critical/checkout

go 1.22

require golang.org/x/crypto v0.30.0

require golang.org/x/sys v0.28.0 // indirect
