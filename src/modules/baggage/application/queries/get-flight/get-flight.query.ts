export class GetFlightQuery {
  constructor(readonly id: unknown) {}
}
