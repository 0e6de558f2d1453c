import type { ChannelCredentials } from '@grpc/grpc-js';
import type { ModuleName } from '../module-names';

/** How a remote (gRPC) facade client reaches the process that hosts the owning module. */
export interface RemoteFacadeTarget {
  /** host:port of the owner's gRPC server. */
  address: string;
  credentials: ChannelCredentials;
  /** Per-call deadline. */
  deadlineMs: number;
}

/**
 * A facade is the only synchronous way into another module. The owner provides a local implementation;
 * every other process gets `createRemote` (a gRPC client) when the owner is not booted there.
 */
export interface FacadeDescriptor<T = unknown> {
  name: string;
  /** Abstract class: the DI token and the contract. */
  token: abstract new (...args: never[]) => T;
  owner: ModuleName;
  /** Config key holding the owner's gRPC address when it runs in another process. */
  urlKey: string;
  grpcService: string;
  createRemote(target: RemoteFacadeTarget): T & { close(): void };
}
