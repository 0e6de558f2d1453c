#!/usr/bin/env bash
# Offline validation of the deployment: helm/junction (lint, render, layout rules, Kubernetes schemas) and
# docker/compose.yaml (scripts/validate-compose.sh). No cluster, no Docker engine, no downloaded schemas.
#   (a) helm from PATH or $(go env GOPATH)/bin, else `go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION`
#   (b) helm lint + helm template with values-all.yaml and values-split.yaml (and a variant with every option on)
#   (c) layouts hosting a module twice / not at all / unknown modules / no processes must FAIL to render
#   (d) every rendered document is strictly decoded into the typed k8s.io/api structs (scripts/k8s-validate:
#       unknown fields and wrong types fail) and cross-checked; routes and gRPC facade URLs are asserted
#   (e) scripts/validate-compose.sh
# npm run validate:deploy
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
HELM_VERSION="${HELM_VERSION:-v3.22.0}"
KUBE_VERSION="${KUBE_VERSION:-1.31.0}"   # helm built by go install defaults to 1.20; the chart needs >=1.25
chart=helm/junction
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '\n=== %s (%ss)\n' "$1" "$SECONDS"; }
die() { echo "validate-helm: $*" >&2; exit 1; }

step "(a) helm"
is_helm3() { [ -n "$1" ] && [ -x "$1" ] && "$1" version --short 2>/dev/null | grep -q '^v3\.'; }
gobin="$(go env GOPATH)/bin"
helm="$(command -v helm || true)"
is_helm3 "$helm" || helm="$gobin/helm"
if ! is_helm3 "$helm"; then
  echo "no Helm 3 found: go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION (minutes on 2 cores, once)"
  nice -n 10 go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  helm="$gobin/helm"
  is_helm3 "$helm" || die "go install did not produce a Helm 3 at $helm"
fi
echo "using $helm ($("$helm" version --short))"

step "build scripts/k8s-validate"
(cd scripts/k8s-validate && nice -n 10 go build -o "$work/k8s-validate" .)

step "chart lists match the code (module names, facades)"
modules_code="$(grep -o "'[a-z]*'" libs/contracts/src/module-names.ts | tr -d "'" | tr '\n' ' ' | sed 's/ $//')"
modules_chart="$(sed -n '/define "junction.knownModules"/{n;p;}' $chart/templates/_helpers.tpl)"
[ "$modules_code" = "$modules_chart" ] || die "MODULE_NAMES ($modules_code) differ from junction.knownModules ($modules_chart) in $chart/templates/_helpers.tpl"
for key in $(grep -oh "urlKey: '[A-Z_]*'" libs/contracts/src/facades/*.ts | cut -d"'" -f2 | sort -u); do
  grep -q "\"urlKey\" \"$key\"" $chart/templates/_helpers.tpl || die "facade URL key $key (libs/contracts/src/facades) is missing from junction.facades in $chart/templates/_helpers.tpl"
done
echo "modules: $modules_code; facade keys: $(grep -oh "urlKey: '[A-Z_]*'" libs/contracts/src/facades/*.ts | cut -d"'" -f2 | sort -u | tr '\n' ' ')"

render() { # name, helm args...
  local name="$1"; shift
  "$helm" template junction "$chart" --kube-version "$KUBE_VERSION" "$@" > "$work/$name.yaml"
}

step "(b) helm lint + template"
for layout in all split; do
  "$helm" lint "$chart" --strict --kube-version "$KUBE_VERSION" -f "$chart/values-$layout.yaml" > "$work/lint-$layout.log" 2>&1 \
    || { cat "$work/lint-$layout.log"; die "helm lint failed for values-$layout.yaml"; }
  grep -q "0 chart(s) failed" "$work/lint-$layout.log" || { cat "$work/lint-$layout.log"; die "helm lint values-$layout.yaml"; }
  render "$layout" -f "$chart/values-$layout.yaml"
  echo "values-$layout.yaml: lint ok, $(grep -c '^kind:' "$work/$layout.yaml") documents"
done
# Every option on: chart-made TLS Secret, secrets given, ingress host + TLS, fixed replicas, minAvailable PDB.
printf 'ca\n' > "$work/ca.pem"; printf 'cert\n' > "$work/cert.pem"; printf 'key\n' > "$work/key.pem"
render options -f "$chart/values-split.yaml" \
  --set grpcTls.existingSecret= --set-file grpcTls.ca="$work/ca.pem" --set-file grpcTls.cert="$work/cert.pem" --set-file grpcTls.key="$work/key.pem" \
  --set-string secrets.values.IDENTITY_JWT_SECRET=0123456789abcdef0123456789abcdef --set-string secrets.values.NEO4J_PASSWORD=x \
  --set ingress.host=junction.example.com --set ingress.className=nginx --set 'ingress.tls[0].secretName=junction-tls' --set 'ingress.tls[0].hosts[0]=junction.example.com' \
  --set autoscaling.enabled=false --set processes.ops.replicas=3 --set podDisruptionBudget.minAvailable=1 \
  --set-string processes.edge.env.ORDERS_SAGA_ROLES=orchestrator
echo "options variant rendered"

step "(c) invalid layouts must fail to render"
expect_fail() { # description, expected message, values yaml
  local desc="$1" want="$2"
  printf '%s\n' "$3" > "$work/bad.yaml"
  if "$helm" template junction "$chart" --kube-version "$KUBE_VERSION" -f "$work/bad.yaml" > /dev/null 2> "$work/bad.err"; then
    die "$desc: rendered, but must fail"
  fi
  grep -qF "$want" "$work/bad.err" || { cat "$work/bad.err"; die "$desc: failed without the expected message: $want"; }
  echo "ok: $desc fails ($want)"
}
expect_fail "identity hosted twice" 'module "identity" is hosted 2 times (processes: a, b)' \
  'processes: {a: {modules: [identity, flights, baggage]}, b: {modules: [identity, detectors, orders, trains]}}'
expect_fail "trains hosted nowhere" 'module "trains" is hosted by no process' \
  'processes: {a: {modules: [identity, flights, baggage]}, b: {modules: [detectors, orders]}}'
expect_fail "all plus another process" 'module "trains" is hosted 2 times (processes: all, x)' \
  'processes: {all: {modules: [all]}, x: {modules: [trains]}}'
expect_fail "the same module twice in one process" 'module "orders" is hosted 2 times (processes: a, a)' \
  'processes: {a: {modules: [identity, flights, baggage, detectors, orders, trains, orders]}}'
expect_fail "unknown module" 'lists unknown module "payments"' \
  'processes: {a: {modules: [all]}, b: {modules: [payments]}}'
expect_fail "no processes" 'values.processes is empty' '{}'
expect_fail "bad process name" 'process name "Edge_1"' \
  'processes: {Edge_1: {modules: [all]}}'
expect_fail "mTLS without certificates" 'grpcTls.enabled needs grpcTls.existingSecret' \
  'processes: {a: {modules: [all]}}
grpcTls: {enabled: true}'

step "(d) Kubernetes schemas (strict typed decoding) and cross-references"
for name in all split options; do
  echo "--- $name"
  "$work/k8s-validate" -routes "$work/$name.yaml" > "$work/$name.routes" || { cat "$work/$name.routes"; die "$name: invalid manifests"; }
  grep -v '^route ' "$work/$name.routes"
done
expect_route() { # render, path, pathType, service
  grep -qx "route $2 $3 -> $4" "$work/$1.routes" || { grep '^route' "$work/$1.routes"; die "$1: $2 ($3) does not route to $4"; }
}
for p in /users /auth /api/user /api/orders /api/order /api/methods /api/toggles /trains /api/trains /api/book-seat /docs; do expect_route split "$p" Prefix junction-edge; done
for p in /health /readiness /swagger/index.html; do expect_route split "$p" Exact junction-edge; done
for p in /interests /airports /collector /alerts /baggage; do expect_route split "$p" Prefix junction-ops; done
expect_route split /detectors Prefix junction-traffic
for p in /users /api/orders /trains /interests /baggage /detectors; do expect_route all "$p" Prefix junction-all; done
[ "$(grep -c 'IDENTITY_GRPC_URL, value: "junction-edge:50051"' "$work/split.yaml")" = 2 ] || die "split: ops and traffic must get IDENTITY_GRPC_URL=junction-edge:50051"
! grep -q IDENTITY_GRPC_URL "$work/all.yaml" || die "all: IDENTITY_GRPC_URL must not be set when identity is in the same process"
[ "$(grep -c 'GRPC_ALLOW_PLAINTEXT, value: "false"' "$work/split.yaml")" = 3 ] || die "split: every process must require mTLS"
echo "routes, IDENTITY_GRPC_URL and mTLS settings as expected"
# Canaries: the validator must reject an unknown field and a wrong type.
sed 's/readinessProbe:/readinessProbee:/' "$work/split.yaml" > "$work/canary1.yaml"
sed 's/maxReplicas: 8/maxReplicas: eight/' "$work/split.yaml" > "$work/canary2.yaml"
for c in canary1 canary2; do
  if "$work/k8s-validate" "$work/$c.yaml" > "$work/$c.out" 2>&1; then die "k8s-validate accepted $c (unknown field / wrong type)"; fi
done
echo "canaries rejected: $(grep -m1 -o 'unknown field "[^"]*"' "$work/canary1.out"); $(grep -m1 -o 'cannot unmarshal [a-z]* into Go struct field [A-Za-z.]*' "$work/canary2.out")"

step "(e) docker/compose.yaml"
bash scripts/validate-compose.sh

step "deploy validation passed"
