package main

// The ImageReview API (imagepolicy.k8s.io/v1alpha1) the kube-apiserver's ImagePolicyWebhook plugin speaks.
// Declared here so the backend needs nothing beyond the standard library.

const (
	reviewAPIVersion = "imagepolicy.k8s.io/v1alpha1"
	reviewKind       = "ImageReview"
)

type ImageReview struct {
	APIVersion string             `json:"apiVersion"`
	Kind       string             `json:"kind"`
	Spec       ImageReviewSpec    `json:"spec"`
	Status     *ImageReviewStatus `json:"status,omitempty"`
}

type ImageReviewSpec struct {
	Containers  []ImageReviewContainerSpec `json:"containers,omitempty"`
	Annotations map[string]string          `json:"annotations,omitempty"`
	Namespace   string                     `json:"namespace,omitempty"`
}

type ImageReviewContainerSpec struct {
	Image string `json:"image,omitempty"`
}

type ImageReviewStatus struct {
	Allowed bool   `json:"allowed"`
	Reason  string `json:"reason,omitempty"`
}
