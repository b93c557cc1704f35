// Command trivy-db builds the vulnerability database trivy v0.58 reads offline (bbolt, DB schema 2) from the
// GitHub Security Advisory records (OSV JSON) in an advisories folder. It runs the same trivy-db code that builds
// the public DB (the osv source, then the optimise and clean-up passes), limited to Go module advisories.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	trivydb "github.com/aquasecurity/trivy-db/pkg/db"
	"github.com/aquasecurity/trivy-db/pkg/metadata"
	"github.com/aquasecurity/trivy-db/pkg/types"
	"github.com/aquasecurity/trivy-db/pkg/vulnsrc/osv"
	"github.com/aquasecurity/trivy-db/pkg/vulnsrc/vulnerability"
	bolt "go.etcd.io/bbolt"
)

// Far ahead, so a plain `trivy image` (without --skip-db-update) also treats the local DB as current
// instead of trying to download one.
const validFor = 10 * 365 * 24 * time.Hour

func main() {
	advisories := flag.String("advisories", "/advisories", "folder of GHSA OSV JSON files (searched recursively)")
	out := flag.String("out", "", "trivy DB folder to write trivy.db and metadata.json into, e.g. /root/.cache/trivy/db")
	flag.Parse()
	if *out == "" {
		log.Fatal("--out is required (the trivy DB folder, e.g. /root/.cache/trivy/db)")
	}
	if err := build(*advisories, *out); err != nil {
		log.Fatalf("building the trivy DB failed: %v", err)
	}
}

func build(advisoriesDir, outDir string) error {
	// a fresh file each time: bolt would otherwise merge into an old DB
	for _, name := range []string{"trivy.db", "metadata.json"} {
		if err := os.Remove(filepath.Join(outDir, name)); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	if err := trivydb.Init(outDir); err != nil {
		return fmt.Errorf("opening %s: %w", trivydb.Path(outDir), err)
	}
	defer trivydb.Close()

	source := types.DataSource{
		ID:   vulnerability.GHSA,
		Name: "GitHub Security Advisory Go",
		URL:  "https://github.com/advisories?query=type%3Areviewed+ecosystem%3Ago",
	}
	sources := map[types.Ecosystem]types.DataSource{vulnerability.Go: source}
	// osv.Update joins its folder to the root it is given
	if err := osv.New(".", vulnerability.GHSA, sources, ghsaSeverity{}).Update(advisoriesDir); err != nil {
		return fmt.Errorf("reading advisories from %s: %w", advisoriesDir, err)
	}
	count, err := optimize()
	if err != nil {
		return err
	}
	if count == 0 {
		return fmt.Errorf("no Go advisories found in %s", advisoriesDir)
	}
	if err := cleanup(); err != nil {
		return err
	}
	now := time.Now().UTC()
	md := metadata.Metadata{Version: trivydb.SchemaVersion, UpdatedAt: now, NextUpdate: now.Add(validFor), DownloadedAt: now}
	if err := metadata.NewClient(outDir).Update(md); err != nil {
		return fmt.Errorf("writing metadata.json: %w", err)
	}
	fmt.Printf("trivy DB (schema %d) with %d vulnerabilities written to %s\n", trivydb.SchemaVersion, count, outDir)
	return nil
}

// ghsaSeverity takes the severity GitHub published (database_specific.severity), as trivy-db's ghsa source does.
type ghsaSeverity struct{}

func (ghsaSeverity) TransformAdvisories(advisories []osv.Advisory, entry osv.Entry) ([]osv.Advisory, error) {
	var specific struct {
		Severity string `json:"severity"`
	}
	if err := json.Unmarshal(entry.DatabaseSpecific, &specific); err != nil {
		return nil, fmt.Errorf("%s: database_specific: %w", entry.ID, err)
	}
	severity, ok := map[string]types.Severity{
		"LOW": types.SeverityLow, "MODERATE": types.SeverityMedium, "HIGH": types.SeverityHigh, "CRITICAL": types.SeverityCritical,
	}[specific.Severity]
	if !ok {
		return nil, fmt.Errorf("%s: database_specific.severity %q is not LOW, MODERATE, HIGH or CRITICAL", entry.ID, specific.Severity)
	}
	for i := range advisories {
		advisories[i].Severity = severity
	}
	return advisories, nil
}

// optimize is trivy-db's vulndb optimise pass: per vulnerability, the advisories move into their package buckets
// and the per-source details are merged into one record.
func optimize() (int, error) {
	dbc := trivydb.Config{}
	vulns := vulnerability.New(dbc)
	count := 0
	err := dbc.ForEachVulnerabilityID(func(tx *bolt.Tx, id string) error {
		details := vulns.GetDetails(id)
		if vulns.IsRejected(details) {
			return nil
		}
		if err := dbc.SaveAdvisoryDetails(tx, id); err != nil {
			return fmt.Errorf("saving advisories of %s: %w", id, err)
		}
		if len(details) == 0 {
			return nil
		}
		count++
		return dbc.PutVulnerability(tx, id, vulns.Normalize(details))
	})
	return count, err
}

// cleanup drops the build-time buckets, as trivy-db does before publishing.
func cleanup() error {
	dbc := trivydb.Config{}
	for _, drop := range []func() error{dbc.DeleteVulnerabilityIDBucket, dbc.DeleteVulnerabilityDetailBucket, dbc.DeleteAdvisoryDetailBucket} {
		if err := drop(); err != nil {
			return err
		}
	}
	return nil
}
