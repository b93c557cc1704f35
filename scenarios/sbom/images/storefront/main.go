// The shop's storefront: routes with gorilla/mux and checks session tokens with golang-jwt/jwt/v5.
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os/signal"
	"syscall"

	"github.com/golang-jwt/jwt/v5"
	"github.com/gorilla/mux"
)

var key = []byte("storefront-demo-key")

func main() {
	router := mux.NewRouter()
	router.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "guest"}).SignedString(key)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "storefront ok, guest session %s\n", token)
	})
	router.HandleFunc("/session/{token}", func(w http.ResponseWriter, r *http.Request) {
		_, err := jwt.Parse(mux.Vars(r)["token"], func(*jwt.Token) (any, error) { return key, nil },
			jwt.WithValidMethods([]string{"HS256"}))
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		fmt.Fprintln(w, "session valid")
	})
	serve(router)
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
