import { randomUUID } from 'node:crypto';
import { DECLINING_CARDS } from '../../../domain';
import { ChargeRequest, ChargeResult, PaymentGateway } from '../../../ports';

export interface SimulatedGatewayOptions {
  /** Added to every call, to make the simulation feel like a network call. */
  latencyMs?: number;
}

/**
 * A simulated payment gateway: approves any valid card except the test cards of DECLINING_CARDS. Idempotent by key:
 * a repeated key answers the first outcome and never charges twice. Outcomes are kept in memory (the simulation has
 * no state worth persisting; a real gateway keeps them on its side).
 */
export class SimulatedPaymentGateway extends PaymentGateway {
  private readonly outcomes = new Map<string, ChargeResult>();
  private readonly refunded = new Set<string>();
  /** Charges actually made (not replays): tests assert "charged at most once". */
  charges = 0;

  constructor(private readonly options: SimulatedGatewayOptions = {}) {
    super();
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
    const known = this.outcomes.get(request.idempotencyKey);
    if (known) return known;
    const reason = DECLINING_CARDS[request.cardNumber];
    const result: ChargeResult = reason ? { status: 'declined', reason } : { status: 'approved', paymentId: `pay_${randomUUID()}` };
    if (result.status === 'approved') this.charges++;
    this.outcomes.set(request.idempotencyKey, result);
    if (this.outcomes.size > 100_000) this.outcomes.delete(this.outcomes.keys().next().value as string);
    return result;
  }

  async refund(paymentId: string): Promise<void> {
    this.refunded.add(paymentId);
  }

  wasRefunded(paymentId: string): boolean {
    return this.refunded.has(paymentId);
  }
}
