import { Injectable } from '@nestjs/common';
import { OrderStore } from '../../../ports/order-store';

export interface MethodView {
  method: string;
  installments: number[];
}

@Injectable()
export class ListMethodsHandler {
  constructor(private readonly store: OrderStore) {}

  async execute(): Promise<{ methods: MethodView[] }> {
    const methods = await this.store.methods();
    return {
      methods: methods.map((m) => ({ method: m.name, installments: Array.from({ length: m.maxInstallment - m.minInstallment + 1 }, (_, i) => m.minInstallment + i) })),
    };
  }
}
