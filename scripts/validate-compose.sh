#!/usr/bin/env bash
# Offline validation of the Docker deployment files (no Docker engine needed):
#  - docker/compose.yaml against the official compose-spec JSON schema and loaded per profile (none, all, split)
#    exactly as `docker compose config` does, with compose-go from the Go module proxy (scripts/compose-validate);
#    plus Junction's rules: each module hosted once per profile, healthchecks, depends_on conditions, gateway
#    routes agree with helm/junction/values.yaml `routes`, Prometheus scrapes every Junction process;
#  - docker/gateway/nginx.conf with `nginx -t` when an nginx binary is on PATH (syntax only);
#  - docker/grafana/dashboards/*.json parse, with unique uids.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd scripts/compose-validate && nice -n 10 go build -o "$work/compose-validate" .)
"$work/compose-validate" -repo "$root"

if command -v nginx >/dev/null 2>&1; then
  mkdir -p "$work/nginx/logs"
  # Only the syntax matters here: outside the container nginx -t may still fail on its compiled-in temp paths.
  out="$(nginx -t -p "$work/nginx" -c "$root/docker/gateway/nginx.conf" -e "$work/nginx/logs/error.log" 2>&1 || true)"
  if grep -q "syntax is ok" <<<"$out"; then
    echo "nginx -t: docker/gateway/nginx.conf syntax is ok"
  else
    echo "$out" >&2
    exit 1
  fi
else
  echo "nginx -t: skipped (no nginx on PATH); routes were checked by compose-validate"
fi

node -e '
const fs = require("fs"), path = require("path");
const dir = "docker/grafana/dashboards", uids = new Map();
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
if (!files.includes("platform.json")) throw new Error("docker/grafana/dashboards/platform.json is missing");
for (const f of files) {
  const d = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
  if (!d.uid || !d.title || !Array.isArray(d.panels)) throw new Error(`${f}: a dashboard needs uid, title and panels`);
  if (uids.has(d.uid)) throw new Error(`${f}: uid ${d.uid} also used by ${uids.get(d.uid)}`);
  uids.set(d.uid, f);
}
console.log(`grafana: ${files.length} dashboard(s) parse with unique uids: ${files.join(", ")}`);
'
