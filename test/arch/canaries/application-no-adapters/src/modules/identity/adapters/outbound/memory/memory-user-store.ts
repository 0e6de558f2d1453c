// Allowed: an adapter implements its port.
import { UserStore } from '../../../ports/user-store';

export class MemoryUserStore extends UserStore {
  async has(): Promise<boolean> {
    return false;
  }
}
