// Allowed: one lib using another through its alias.
import { SystemClock } from '@libs/kernel';

export const defaultClock = new SystemClock();
