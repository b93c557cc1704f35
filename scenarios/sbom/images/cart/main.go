// The shop's cart: reads its YAML settings with gopkg.in/yaml.v3 and checks tokens with golang-jwt/jwt/v4.
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os/signal"
	"syscall"

	"github.com/golang-jwt/jwt/v4"
	"gopkg.in/yaml.v3"
)

type settings struct {
	MaxItems int    `yaml:"maxItems"`
	Currency string `yaml:"currency"`
}

var key = []byte("cart-demo-key")

func main() {
	var cfg settings
	if err := yaml.Unmarshal([]byte("maxItems: 50\ncurrency: EUR\n"), &cfg); err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"cart": "new"}).SignedString(key)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "cart ok, up to %d items in %s, token %s\n", cfg.MaxItems, cfg.Currency, token)
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
