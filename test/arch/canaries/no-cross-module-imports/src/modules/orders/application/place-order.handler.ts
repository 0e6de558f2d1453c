// Allowed: a file of the same module.
import { OrderPolicy } from './order-policy';
// VIOLATION (no-cross-module-imports): orders reaches into identity instead of using the identity facade.
import { UserStore } from '../../identity/ports/user-store';

export const placeOrder = (policy: OrderPolicy, users: UserStore): unknown => [policy, users];
