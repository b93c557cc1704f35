// image-policy-backend is the ImagePolicyWebhook backend of the cks-lab image-policy-webhook scenario: an
// HTTPS server that allows pod images from an allow-list of registries and denies all others.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

type options struct {
	listen   string
	certFile string
	keyFile  string
	clientCA string
	allow    string
}

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	var opts options
	flag.StringVar(&opts.listen, "listen", ":8443", "address to serve HTTPS on")
	flag.StringVar(&opts.certFile, "tls-cert", "/etc/webhook/tls/tls.crt", "server certificate (PEM)")
	flag.StringVar(&opts.keyFile, "tls-key", "/etc/webhook/tls/tls.key", "server private key (PEM)")
	flag.StringVar(&opts.clientCA, "client-ca", "", "CA (PEM) that signs client certificates; when set, reviews need one")
	flag.StringVar(&opts.allow, "allow", "", `comma-separated allow rules: "registry.k8s.io/" (prefix) or "docker.io/library/busybox" (one repository)`)
	flag.Parse()
	if err := run(opts, logger); err != nil {
		logger.Error("image-policy-backend stopped", "err", err)
		os.Exit(1)
	}
}

func run(opts options, logger *slog.Logger) error {
	policy, err := NewPolicy(strings.Split(opts.allow, ","))
	if err != nil {
		return fmt.Errorf("--allow: %w", err)
	}
	tlsConfig, err := serverTLS(opts)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/image-policy", reviewHandler(policy, opts.clientCA != "", logger))
	mux.Handle("/healthz", healthHandler())
	server := &http.Server{
		Addr:              opts.listen,
		Handler:           mux,
		TLSConfig:         tlsConfig,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- server.ListenAndServeTLS("", "") }()
	logger.Info("serving image reviews", "listen", opts.listen, "allow", policy.rules, "clientCertRequired", opts.clientCA != "")
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serverTLS loads the serving pair and, when a client CA is given, verifies client certificates that are
// offered. They are not required at the TLS layer so kubelet probes (which have none) still reach /healthz.
func serverTLS(opts options) (*tls.Config, error) {
	pair, err := tls.LoadX509KeyPair(opts.certFile, opts.keyFile)
	if err != nil {
		return nil, fmt.Errorf("loading --tls-cert %s / --tls-key %s: %w", opts.certFile, opts.keyFile, err)
	}
	config := &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}
	if opts.clientCA == "" {
		return config, nil
	}
	pem, err := os.ReadFile(opts.clientCA)
	if err != nil {
		return nil, fmt.Errorf("reading --client-ca: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("--client-ca %s holds no PEM certificate", opts.clientCA)
	}
	config.ClientCAs = pool
	config.ClientAuth = tls.VerifyClientCertIfGiven
	return config, nil
}
