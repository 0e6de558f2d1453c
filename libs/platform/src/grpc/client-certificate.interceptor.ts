import { Metadata, ServerInterceptingCall, ServerInterceptor, status } from '@grpc/grpc-js';

/** `identity.v1` of `/identity.v1.IdentityService/VerifyToken`. */
function packageOf(path: string): string {
  const service = path.split('/')[1] ?? '';
  return service.slice(0, Math.max(0, service.lastIndexOf('.')));
}

/**
 * Refuses calls to the given packages unless the TLS connection carries a client certificate that verified against
 * the CA (grpc-js reports sslPeerCertificate only for an authorized socket). Installed only on TLS servers, so a
 * plaintext loopback server (development) is unaffected. Other packages pass untouched.
 */
export function requireClientCertificateFor(packages: readonly string[]): ServerInterceptor {
  const guarded = new Set(packages);
  return (method, call) => {
    if (!guarded.has(packageOf(method.path)) || call.getAuthContext().sslPeerCertificate) return new ServerInterceptingCall(call);
    return new ServerInterceptingCall(call, {
      start: (next) => {
        next({
          onReceiveMetadata: () => {
            call.sendStatus({ code: status.UNAUTHENTICATED, details: `${packageOf(method.path)} requires a client certificate signed by the Junction CA (mTLS)`, metadata: new Metadata() });
          },
        });
      },
    });
  };
}
