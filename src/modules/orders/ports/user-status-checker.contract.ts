import type { UserStatusChecker } from './user-status-checker';

/** `valid` is a user the source knows and allows; `invalid` one it rejects; `down()` makes the source unreachable. */
export function userStatusCheckerContract(
  name: string,
  create: () => Promise<{ checker: UserStatusChecker; valid: string; invalid: string; down: (isDown: boolean) => void; teardown?: () => Promise<void> }>,
): void {
  describe(`UserStatusChecker contract: ${name}`, () => {
    it('tells valid from invalid users and reports an unreachable source as unavailable, never as invalid', async () => {
      const { checker, valid, invalid, down, teardown } = await create();
      try {
        expect(await checker.isValid(valid)).toBe(true);
        expect(await checker.isValid(invalid)).toBe(false);
        down(true);
        await expect(checker.isValid(valid)).rejects.toMatchObject({ category: 'unavailable' });
        down(false);
        expect(await checker.isValid(valid)).toBe(true);
      } finally {
        await teardown?.();
      }
    });
  });
}
