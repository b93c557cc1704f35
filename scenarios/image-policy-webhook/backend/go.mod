module cks-lab.dev/image-policy-backend

go 1.22
