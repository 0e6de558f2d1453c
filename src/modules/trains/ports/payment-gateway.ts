export interface ChargeRequest {
  /** The same key always gets the same outcome, and charges at most once. */
  idempotencyKey: string;
  amount: number;
  currency: string;
  /** Card number (digits) of the simulated gateway; never logged or stored. */
  cardNumber: string;
  description: string;
}

export type ChargeResult = { status: 'approved'; paymentId: string } | { status: 'declined'; reason: string };

/** Where money comes from. The shipped adapter is a simulated gateway (approve/decline by card number). */
export abstract class PaymentGateway {
  abstract charge(request: ChargeRequest): Promise<ChargeResult>;
  abstract refund(paymentId: string, amount: number): Promise<void>;
}
