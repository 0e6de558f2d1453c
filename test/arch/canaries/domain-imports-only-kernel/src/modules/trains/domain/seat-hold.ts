// Allowed: libs/kernel and the module's own domain files.
import { DomainError } from '@libs/kernel';
import { SeatNumber } from './seat-number';
// VIOLATION (domain-imports-only-kernel): the domain depends on a framework.
import { Injectable } from '@nestjs/common';

@Injectable()
export class SeatHold {
  constructor(readonly seat: SeatNumber) {
    if (!seat) throw new DomainError('TRAINS.NO_SEAT', 'invalid', 'no seat');
  }
}
