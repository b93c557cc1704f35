# Installs the lab's offline trivy vulnerability DB on the control-plane node: the cks-lab/trivy-db image (loaded
# into containerd before setup) builds /root/.cache/trivy/db/{trivy.db,metadata.json} from its advisory fixture.
db_dir=/root/.cache/trivy/db
mkdir -p "$db_dir" /root/trivy
ctr -n k8s.io run --rm \
  --mount "type=bind,src=$db_dir,dst=/out,options=rbind:rw" \
  docker.io/cks-lab/trivy-db:1 "cks-trivy-db-$$"
test -s "$db_dir/trivy.db" && test -s "$db_dir/metadata.json"
# the builder image has done its job; keep the node's image list to the lab's workloads
ctr -n k8s.io images rm docker.io/cks-lab/trivy-db:1 >/dev/null
