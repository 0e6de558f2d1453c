#!/usr/bin/env bash
# API fuzzing: schemathesis (pinned, from PyPI, in the project-local venv .infra/venv) over every operation of the
# OpenAPI document, every check (scripts/schemathesis.toml), twice: without a token and with a bearer token of an account registered through
# the API. Boots the built app (dist, --modules=all --adapters=memory) on a free loopback port. Any failure of any
# check exits non-zero. Bounded: each run has a time budget (FUZZ_MAX_TIME seconds) and a per-operation example cap.
#
#   npm run test:api-fuzz                      # builds dist first when it is missing
#   FUZZ_FROM_SOURCE=1 npm run test:api-fuzz   # boot from src with ts-node instead of dist (development)
#   FUZZ_SEED=random npm run test:api-fuzz     # another seed than CI's fixed one
#
# Reports (JUnit + JSON) go to .infra/reports/schemathesis/{anonymous,token}/; the app's log to .infra/logs/api-fuzz.log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

SCHEMATHESIS_VERSION=4.32.5
venv="$root/.infra/venv"
max_examples="${FUZZ_MAX_EXAMPLES:-40}"
max_time="${FUZZ_MAX_TIME:-120}"          # seconds per run; two runs + boot + install stay within 6 minutes
seed="${FUZZ_SEED:-20261203}"
workers="${FUZZ_WORKERS:-1}"   # 2 workers crashed schemathesis' coverage phase on Python 3.11 (AST recursion-depth SystemError)
reports="$root/.infra/reports/schemathesis"
log="$root/.infra/logs/api-fuzz.log"
mkdir -p "$reports" "$(dirname "$log")"

section() { printf '\n--- api fuzz: %s (%ss)\n' "$1" "$SECONDS"; }

section "schemathesis $SCHEMATHESIS_VERSION in .infra/venv"
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "version $SCHEMATHESIS_VERSION\$"; then
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
"$venv/bin/schemathesis" --version

if [ -n "${FUZZ_FROM_SOURCE:-}" ]; then
  start=(node -r ts-node/register/transpile-only -r tsconfig-paths/register src/main.ts)
else
  [ -f dist/src/main.js ] || { section "build"; npm run build; }
  start=(node dist/src/main.js)
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
section "boot ${start[*]} --modules=all --adapters=memory on $base"
# Its own process group, stopped with it on exit. IDENTITY_REGISTRATIONS_PER_IP only makes room for the thousands of
# accounts the fuzzer registers from one address (as the test suites do; docs/security.md); login throttling is default.
HOST=127.0.0.1 PORT="$port" GRPC_PORT=0 LOG_LEVEL="${FUZZ_LOG_LEVEL:-warn}" OTEL_TRACES_EXPORTER=none \
  IDENTITY_REGISTRATIONS_PER_IP="${IDENTITY_REGISTRATIONS_PER_IP:-1000000}" \
  setsid "${start[@]}" --modules=all --adapters=memory > "$log" 2>&1 &
app_pid=$!
cleanup() { kill -TERM -- "-$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$log"; echo "api fuzz: the app exited during boot" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$base/health/ready" >/dev/null || { tail -50 "$log"; echo "api fuzz: the app is not ready" >&2; exit 1; }

section "register + log in through the API"
email="fuzz-$(date +%s)-$RANDOM@example.com"
password="fuzz-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
body="{\"email\":\"$email\",\"password\":\"$password\",\"first_name\":\"Fuzz\",\"last_name\":\"Tester\"}"
curl -fsS -o /dev/null -XPOST "$base/users" -H 'content-type: application/json' -H "x-request-id: fuzz-register-$RANDOM$RANDOM" -d "$body"
token="$(curl -fsS -XPOST "$base/auth/login" -H 'content-type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
  | node -e 'let s="";process.stdin.on("data",(c)=>(s+=c)).on("end",()=>process.stdout.write(JSON.parse(s).access_token))')"
[ -n "$token" ] || { echo "api fuzz: no access token" >&2; exit 1; }
echo "token for $email"

run() {
  local name="$1"; shift
  rm -rf "${reports:?}/$name"
  section "schemathesis run ($name): every check (scripts/schemathesis.toml), ≤ $max_examples examples per operation, ≤ ${max_time}s"
  # The hooks steer positive cases past rules no schema can state (dates vs today, fresh request ids, seats of the
  # catalogue); scripts/schemathesis_hooks.py and docs/security.md ("API fuzzing") say which and why.
  SCHEMATHESIS_HOOKS="$root/scripts/schemathesis_hooks.py" \
  "$venv/bin/schemathesis" --config-file "$root/scripts/schemathesis.toml" run "$base/docs/json" \
    --max-examples "$max_examples" \
    --max-time "$max_time" \
    --workers "$workers" \
    --request-timeout 10 \
    --generation-database none \
    --no-color \
    --report junit,json --report-dir "$reports/$name" \
    "$@"
}

status=0
seed_args=()
[ "$seed" = random ] || seed_args=(--seed "$seed")
run anonymous "${seed_args[@]}" || status=1
run token "${seed_args[@]}" -H "Authorization: Bearer $token" || status=1
kill -0 "$app_pid" 2>/dev/null || { tail -50 "$log"; echo "api fuzz: the app died during the runs" >&2; status=1; }

section "done"
if [ "$status" -ne 0 ]; then echo "api fuzz: FAILED (reports in $reports)" >&2; else echo "api fuzz: both runs passed every check"; fi
exit "$status"
