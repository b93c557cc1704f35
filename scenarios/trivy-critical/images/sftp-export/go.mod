module cks-lab.local/scenarios/trivy-critical/sftp-export

go 1.22

require golang.org/x/crypto v0.16.0

require golang.org/x/sys v0.15.0 // indirect
