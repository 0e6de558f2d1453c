export class ListArrivalsQuery {
  /** Raw `?within=` (validated by the handler). */
  constructor(readonly within: unknown) {}
}
