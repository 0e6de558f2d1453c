/**
 * A tiny identity.v1.IdentityService (grpc-js) for tests that boot flights without identity: it accepts the tokens
 * and passwords it was given, and can be stopped and started again on the same port to simulate an outage.
 */
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from '@libs/contracts';

export interface FakeUser {
  email: string;
  password: string;
  token: string;
  roles?: string[];
}

type Callback<T> = (error: grpc.ServiceError | null, response?: T) => void;

export class FakeIdentity {
  readonly users: FakeUser[] = [];
  calls = 0;
  private server?: grpc.Server;
  port = 0;

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const pkg = grpc.loadPackageDefinition(loadSync(protoPath('identity/v1/identity.proto'), { keepCase: true })) as unknown as {
      identity: { v1: { IdentityService: { service: grpc.ServiceDefinition } } };
    };
    const server = new grpc.Server();
    const byEmail = (email: string): FakeUser | undefined => this.users.find((u) => u.email === email.trim().toLowerCase());
    server.addService(pkg.identity.v1.IdentityService.service, {
      VerifyCredentials: (call: { request: { email: string; password: string } }, cb: Callback<{ valid: boolean }>) => {
        this.calls++;
        cb(null, { valid: byEmail(call.request.email)?.password === call.request.password });
      },
      UserExists: (call: { request: { email: string } }, cb: Callback<{ exists: boolean }>) => {
        this.calls++;
        cb(null, { exists: byEmail(call.request.email) !== undefined });
      },
      VerifyAccessToken: (call: { request: { access_token: string } }, cb: Callback<unknown>) => {
        this.calls++;
        const user = this.users.find((u) => u.token === call.request.access_token);
        cb(null, user ? { valid: true, user: { user_id: user.email, email: user.email, roles: user.roles ?? [] } } : { valid: false });
      },
      GetUser: (_call: unknown, cb: Callback<{ found: boolean }>) => cb(null, { found: false }),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) server.forceShutdown();
  }
}
