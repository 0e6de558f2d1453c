export class OrderPolicy {}
