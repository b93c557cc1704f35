module cks-lab.local/shop/cart

go 1.22

require (
	github.com/golang-jwt/jwt/v4 v4.5.1
	gopkg.in/yaml.v3 v3.0.1
)
