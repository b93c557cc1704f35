// The shop's billing service: signs invoice tokens with golang-jwt/jwt/v5 and numbers invoices with google/uuid.
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os/signal"
	"syscall"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

var key = []byte("billing-demo-key")

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		invoice := uuid.NewString()
		token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{ID: invoice}).SignedString(key)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "billing ok, invoice %s token %s\n", invoice, token)
	})
	serve(mux)
}

// serve answers on :8080 until SIGTERM, so pods stop at once when deleted.
func serve(handler http.Handler) {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	server := &http.Server{Addr: ":8080", Handler: handler}
	go func() {
		if err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()
	<-ctx.Done()
	_ = server.Shutdown(context.Background())
}
