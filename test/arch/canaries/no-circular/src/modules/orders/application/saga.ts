// VIOLATION (no-circular): saga.ts → saga-step.ts → saga.ts, both as runtime imports
// (reported once per edge of the cycle).
import { SagaStep } from './saga-step';

export class Saga {
  readonly steps: SagaStep[] = [];
}
