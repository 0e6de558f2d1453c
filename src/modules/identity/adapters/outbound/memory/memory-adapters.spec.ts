import { ManualClock } from '@libs/kernel';
import { EventEnvelope } from '../../../ports';
import { idempotencyStoreContract } from '../../../ports/idempotency-store.contract';
import { passwordHasherContract } from '../../../ports/password-hasher.contract';
import { rateLimitStoreContract } from '../../../ports/rate-limit-store.contract';
import { refreshTokenStoreContract } from '../../../ports/refresh-token-store.contract';
import { sessionRevocationStoreContract } from '../../../ports/session-revocation-store.contract';
import { userRepositoryContract } from '../../../ports/user-repository.contract';
import { FastInsecureHasher } from './fast-insecure.hasher';
import { MemoryIdempotencyStore } from './memory-idempotency.store';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { MemoryRefreshTokenStore } from './memory-refresh-token.store';
import { MemorySessionRevocationStore } from './memory-session-revocation.store';
import { MemoryUserRepository } from './memory-user.repository';

userRepositoryContract('memory', async () => {
  const outbox: EventEnvelope[] = [];
  return {
    repository: new MemoryUserRepository({ append: async (events) => void outbox.push(...events) }),
    outboxFor: async (key) => outbox.filter((e) => e.key === key),
  };
});

function clocked<T>(make: (clock: ManualClock) => T): () => Promise<{ store: T; advance(ms: number): Promise<void> }> {
  return async () => {
    const clock = new ManualClock();
    return { store: make(clock), advance: async (ms: number) => clock.advance(ms) };
  };
}

idempotencyStoreContract('memory', clocked((clock) => new MemoryIdempotencyStore(clock)));
refreshTokenStoreContract('memory', clocked((clock) => new MemoryRefreshTokenStore(clock)));
rateLimitStoreContract('memory', clocked((clock) => new MemoryRateLimitStore(clock)));
sessionRevocationStoreContract('memory', clocked((clock) => new MemorySessionRevocationStore(clock)));
passwordHasherContract('fast insecure test hasher', () => ({ hasher: new FastInsecureHasher(2), older: new FastInsecureHasher(1), format: /^\$sha256-test\$v=2\$/ }));
