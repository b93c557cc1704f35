// A nightly export job's control endpoint: it checks the SFTP target's pinned host key (golang.org/x/crypto/ssh).
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/crypto/ssh"
)

const pinnedHostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl export-target"

func main() {
	key, _, _, _, err := ssh.ParseAuthorizedKey([]byte(pinnedHostKey))
	if err != nil {
		log.Fatal(err)
	}
	config := &ssh.ClientConfig{User: "export", HostKeyCallback: ssh.FixedHostKey(key)}
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "sftp-export ok, target pinned to %s as %s\n", ssh.FingerprintSHA256(key), config.User)
	})
	serve()
}

// serve answers on :8080 until SIGTERM, so pods stop at once when deleted.
func serve() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	server := &http.Server{Addr: ":8080"}
	go func() {
		if err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()
	<-ctx.Done()
	_ = server.Shutdown(context.Background())
}
