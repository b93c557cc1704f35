// cks-lab-imds answers on 169.254.169.254 inside one lab node the way a cloud's instance metadata service does
// (AWS IMDS paths, IMDSv1 and v2 tokens, and GCP's computeMetadata with its Metadata-Flavor header), so "protect
// the node metadata" tasks have a real endpoint to protect. Everything it serves is lab data: the "credentials" are
// fixed, marked fake, and never valid anywhere. The host firewall keeps the lab from reaching any real one.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"time"
)

func main() {
	listen := flag.String("listen", "169.254.169.254:80", "address to serve on")
	flag.Parse()
	hostname, _ := os.Hostname()
	md := newMetadata(hostname, nodeIPv4())
	server := &http.Server{
		Addr:              *listen,
		Handler:           md.handler(),
		ReadHeaderTimeout: 5 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	log.Printf("cks-lab-imds for %s on %s", hostname, *listen)
	log.Fatal(server.ListenAndServe())
}
