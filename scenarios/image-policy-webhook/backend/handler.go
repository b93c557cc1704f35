package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
)

const maxReviewBytes = 1 << 20

// outageAnnotation makes the backend fail one review on purpose, as if it were down: the ImagePolicyWebhook
// plugin forwards annotations matching *.image-policy.k8s.io/* in the review, so a pod carrying it shows what
// the API server does when the backend cannot answer (defaultAllow), without stopping the backend for everyone.
const outageAnnotation = "cks-lab.image-policy.k8s.io/simulate-outage"

// outageMessage is in the API server's rejection when the policy fails closed.
const outageMessage = "image policy backend unavailable (outage simulated for this pod by the " + outageAnnotation + " annotation)"

// reviewHandler answers ImageReview requests. Only callers with a client certificate the TLS layer has
// verified get an answer: the API server is the one client that should ask.
func reviewHandler(policy Policy, requireClientCert bool, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST an ImageReview", http.StatusMethodNotAllowed)
			return
		}
		if requireClientCert && (r.TLS == nil || len(r.TLS.VerifiedChains) == 0) {
			http.Error(w, "a client certificate signed by the webhook CA is required", http.StatusUnauthorized)
			return
		}
		var review ImageReview
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxReviewBytes)).Decode(&review); err != nil {
			http.Error(w, fmt.Sprintf("body is not an ImageReview: %v", err), http.StatusBadRequest)
			return
		}
		if review.APIVersion != reviewAPIVersion || review.Kind != reviewKind {
			http.Error(w, fmt.Sprintf("expected %s %s, got %s %s", reviewAPIVersion, reviewKind, review.APIVersion, review.Kind), http.StatusBadRequest)
			return
		}
		if review.Spec.Annotations[outageAnnotation] == "true" {
			logger.Info("simulated outage", "namespace", review.Spec.Namespace)
			writeUnavailable(w, logger)
			return
		}
		images := make([]string, 0, len(review.Spec.Containers))
		for _, container := range review.Spec.Containers {
			images = append(images, container.Image)
		}
		decision := policy.Decide(images)
		logger.Info("image review", "namespace", review.Spec.Namespace, "images", images, "allowed", decision.Allowed, "reason", decision.Reason)
		response := ImageReview{
			APIVersion: reviewAPIVersion,
			Kind:       reviewKind,
			Status:     &ImageReviewStatus{Allowed: decision.Allowed, Reason: decision.Reason},
		}
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewEncoder(w).Encode(response); err != nil {
			logger.Warn("could not write the review response", "err", err)
		}
	})
}

// writeUnavailable answers 503 with a Status body, as an API server would: the plugin reports its message, and
// without a Retry-After header it does not retry, so the decision (defaultAllow) comes at once.
func writeUnavailable(w http.ResponseWriter, logger *slog.Logger) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusServiceUnavailable)
	status := map[string]any{
		"apiVersion": "v1",
		"kind":       "Status",
		"status":     "Failure",
		"message":    outageMessage,
		"reason":     "ServiceUnavailable",
		"code":       http.StatusServiceUnavailable,
	}
	if err := json.NewEncoder(w).Encode(status); err != nil {
		logger.Warn("could not write the outage response", "err", err)
	}
}

// healthHandler serves the kubelet's probes, which carry no client certificate.
func healthHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok\n"))
	})
}
