import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { LuaScript } from '@libs/platform';
import { HeldSeat, HoldRequest, HoldResult, ReleaseResult, SeatHoldStore } from '../../../ports';

// Lua files shipped next to this adapter (nest-cli copies **/*.lua to dist).
const HOLD = LuaScript.fromFile(join(__dirname, 'hold-seats.lua'));
const RELEASE = LuaScript.fromFile(join(__dirname, 'release-hold.lua'));

/**
 * Seat holds in Redis: one key per seat (`SET owner PX ttl` semantics inside a Lua script, so a multi-seat hold is
 * atomic), compare-and-delete release, expiry by TTL. Seat keys share the trip's hash tag `{trip}`; the owner's two
 * indexes (held seats across trips, first-hold times) share the owner's tag `{owner}`. The per-owner cap spans trips,
 * so one script touches both slots: fine on the single Redis Junction deploys; on a Redis Cluster every trains key
 * would need one common tag (see docs/security.md).
 */
export class RedisSeatHoldStore extends SeatHoldStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'trains',
  ) {
    super();
  }

  private seatKey(tripId: string, seat: string): string {
    return `${this.prefix}:hold:{${tripId}}:${seat}`;
  }

  private heldByKey(owner: string): string {
    return `${this.prefix}:held-by:{${owner}}`;
  }

  private heldSinceKey(owner: string): string {
    return `${this.prefix}:held-since:{${owner}}`;
  }

  async hold(request: HoldRequest): Promise<HoldResult> {
    const keys = [this.heldByKey(request.owner), this.heldSinceKey(request.owner), ...request.seats.map((s) => this.seatKey(request.tripId, s))];
    const args = [request.owner, request.ttlMs, request.cap, request.exclusive ? '1' : '0', request.maxLifetimeMs, request.cooldownMs, request.tripId, ...request.seats];
    const reply = (await HOLD.run(this.redis, keys, args)) as string[];
    if (reply[0] === 'ok') return { ok: true, expiresAt: new Date(Number(reply[1])) };
    if (reply[0] === 'cap') return { ok: false, reason: 'cap', held: Number(reply[1]) };
    if (reply[0] === 'lifetime') return { ok: false, reason: 'lifetime', retryAfterMs: Number(reply[1]), seats: reply.slice(2) };
    return { ok: false, reason: 'conflict', seats: reply.slice(1) };
  }

  async release(tripId: string, seat: string, owner: string): Promise<ReleaseResult> {
    const reply = Number(await RELEASE.run(this.redis, [this.seatKey(tripId, seat), this.heldByKey(owner)], [owner, `${tripId}|${seat}`]));
    return reply === 1 ? 'released' : reply === 0 ? 'not_held' : 'not_owner';
  }

  async holds(tripId: string, seats: readonly string[]): Promise<Map<string, HeldSeat>> {
    const result = new Map<string, HeldSeat>();
    if (seats.length === 0) return result;
    const values = await this.redis.mget(...seats.map((s) => this.seatKey(tripId, s)));
    values.forEach((v, i) => {
      if (!v) return;
      const bar = v.lastIndexOf('|');
      result.set(seats[i], { owner: v.slice(0, bar), expiresAt: new Date(Number(v.slice(bar + 1))) });
    });
    return result;
  }
}
