// Allowed: node builtins and the kernel's own files.
import { randomUUID } from 'node:crypto';
import { Clock } from './clock';
// VIOLATION (kernel-is-pure): an npm package in the kernel.
import { Observable } from 'rxjs';

export const newId = (): string => randomUUID();
export const ticks = (clock: Clock): Observable<Date> => new Observable((s) => s.next(clock.now()));
