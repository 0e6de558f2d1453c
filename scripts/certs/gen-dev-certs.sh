#!/usr/bin/env bash
# Development certificates for gRPC mTLS: a throwaway CA, a server certificate (also usable as the client certificate
# of a Junction process, which both serves and calls gRPC), and a separate client certificate.
#
#   scripts/certs/gen-dev-certs.sh [dir]        (default: .infra/certs)
#
# The server certificate names every host a caller may dial: loopback (npm run test:split), the compose services
# (edge, ops, traffic, junction) and the chart's Services for the release name `junction` (junction-<process>
# and their in-cluster names in namespace $CERT_NAMESPACE, default "default"). Other release names or hosts:
#   CERT_EXTRA_SANS="DNS:myrel-junction-edge,DNS:myrel-junction-edge.prod.svc" scripts/certs/gen-dev-certs.sh
#
# Writes ca.crt, ca.key, server.crt, server.key, client.crt, client.key. Point a process at them with
#   GRPC_TLS_CA=<dir>/ca.crt GRPC_TLS_CERT=<dir>/server.crt GRPC_TLS_KEY=<dir>/server.key GRPC_ALLOW_PLAINTEXT=false
# Never use these in production: the CA key sits next to the certificates.
set -euo pipefail

dir="${1:-.infra/certs}"
days="${CERT_DAYS:-825}"
namespace="${CERT_NAMESPACE:-default}"
sans="IP:127.0.0.1,IP:::1,DNS:localhost,DNS:edge,DNS:ops,DNS:traffic,DNS:junction"
for process in all edge ops traffic; do
  service="junction-$process"
  sans="$sans,DNS:$service,DNS:$service.$namespace.svc,DNS:$service.$namespace.svc.cluster.local"
done
[ -n "${CERT_EXTRA_SANS:-}" ] && sans="$sans,$CERT_EXTRA_SANS"
mkdir -p "$dir"
cd "$dir"
umask 077

conf="$(mktemp)"
trap 'rm -f "$conf" server.csr client.csr ca.srl' EXIT

cat > "$conf" <<CONF
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $sans
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CONF

# EC P-256 keys: small and fast; grpc-js (BoringSSL/OpenSSL) accepts them.
openssl ecparam -name prime256v1 -genkey -noout -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -sha256 -days "$days" -subj "/CN=Junction dev CA" -config "$conf" -extensions ca -out ca.crt

openssl ecparam -name prime256v1 -genkey -noout -out server.key 2>/dev/null
openssl req -new -key server.key -subj "/CN=localhost" -out server.csr
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days "$days" -extfile "$conf" -extensions server -out server.crt 2>/dev/null

openssl ecparam -name prime256v1 -genkey -noout -out client.key 2>/dev/null
openssl req -new -key client.key -subj "/CN=junction-dev-client" -out client.csr
openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days "$days" -extfile "$conf" -extensions client -out client.crt 2>/dev/null

# Node reads PKCS#8 and SEC1 keys alike; convert to PKCS#8 for the widest compatibility.
for key in ca server client; do
  openssl pkcs8 -topk8 -nocrypt -in "$key.key" -out "$key.key.tmp" && mv "$key.key.tmp" "$key.key"
done
chmod 600 ./*.key
chmod 644 ./*.crt

openssl verify -CAfile ca.crt server.crt client.crt >/dev/null
echo "dev certificates written to $(pwd): ca.crt server.crt/key (loopback, compose and chart host names) client.crt/key"
