// Allowed: the lib's alias (resolves to the very same files, but as an "aliased" dependency).
import { SystemClock } from '@libs/kernel';
// VIOLATION (libs-only-through-alias): a relative path into another lib's internals.
import { ManualClock } from '../../libs/kernel/src/clock';

export const clocks = [SystemClock, ManualClock];
