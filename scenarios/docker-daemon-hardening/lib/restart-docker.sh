# Included before every check of this scenario (scenario.yaml `include`).
# restart_docker: restart Docker the way a reboot would bring it back, one check at a time (the grader runs checks
# concurrently): stop docker.service and docker.socket, start docker.service (which starts docker.socket first),
# and wait until root can use Docker through /var/run/docker.sock. Each check then sees only what the learner's
# persistent configuration gives, whatever order the checks run in. Sets root_says (the server version); exits 1
# with a message when Docker is disabled or does not come back.
restart_docker() {
  exec 9>/run/cks-lab-docker-check.lock
  flock -w 100 9 || { echo "another check held the docker lock for 100 s"; exit 1; }
  if ! systemctl is-enabled --quiet docker.service && ! systemctl is-enabled --quiet docker.socket; then
    echo "neither docker.service nor docker.socket is enabled: Docker would not start at boot (systemctl enable docker)"
    exit 1
  fi
  systemctl stop docker.service docker.socket >/dev/null 2>&1 || true
  # docker.service allows 3 starts a minute (StartLimitBurst=3): the checks' own restarts must not count against it
  systemctl reset-failed docker.service docker.socket >/dev/null 2>&1 || true
  if ! timeout 60 systemctl start docker.service >/dev/null 2>&1; then
    echo "docker.service does not start again after a restart (systemctl status docker; journalctl -u docker)"
    exit 1
  fi
  deadline=$((SECONDS + 30))
  until root_says=$(timeout 10 docker -H unix:///var/run/docker.sock version --format '{{.Server.Version}}' 2>&1); do
    if ((SECONDS >= deadline)); then
      echo "after a restart, root cannot use Docker through /var/run/docker.sock: $(head -c 200 <<<"$root_says")"
      exit 1
    fi
    sleep 0.5
  done
}
