import { Saga } from './saga';

export class SagaStep {
  constructor(readonly saga: Saga) {}
}
