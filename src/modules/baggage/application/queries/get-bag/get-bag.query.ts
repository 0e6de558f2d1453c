export class GetBagQuery {
  constructor(readonly id: unknown) {}
}
