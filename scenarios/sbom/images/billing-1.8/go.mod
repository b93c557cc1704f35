module cks-lab.local/shop/billing

go 1.22

require (
	github.com/golang-jwt/jwt/v5 v5.2.2
	github.com/google/uuid v1.6.0
)
