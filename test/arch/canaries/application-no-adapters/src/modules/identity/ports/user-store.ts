export abstract class UserStore {
  abstract has(email: string): Promise<boolean>;
}
