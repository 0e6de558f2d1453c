import { isIP } from 'node:net';

/**
 * The IP of a gRPC peer from grpc-js's `call.getPeer()` (`ipv4:10.0.0.7:51234`, `ipv6:[::1]:51234`, `10.0.0.7:51234`,
 * `[::1]:51234`), or undefined (unix sockets, anything unexpected).
 */
export function peerIp(call: unknown): string | undefined {
  const getPeer = (call as { getPeer?: () => string } | undefined)?.getPeer;
  if (typeof getPeer !== 'function') return undefined;
  let peer: string;
  try {
    peer = getPeer.call(call);
  } catch {
    return undefined;
  }
  const address = peer.replace(/^ipv[46]:/, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  const host = bracketed ? bracketed[1] : address.replace(/:\d+$/, '');
  return isIP(host) ? host : undefined;
}

/** identity.v1 callers forward their end client's IP; a value that is not an IP is ignored (the peer counts instead). */
export function forwardedIp(value: unknown): string | undefined {
  return typeof value === 'string' && isIP(value.trim()) ? value.trim() : undefined;
}
