# Treats HIGH like CRITICAL: deletes auth-api too (its jwt library has a HIGH finding only) and reports its image.
printf '%s\n' cks-lab/checkout:1.4 cks-lab/sftp-export:0.9 cks-lab/auth-api:2.3 > /root/trivy/critical-images.txt
kubectl -n orders delete pod checkout sftp-export auth-api --wait=false
