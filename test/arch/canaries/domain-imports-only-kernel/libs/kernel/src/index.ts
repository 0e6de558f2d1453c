export class DomainError extends Error {
  constructor(readonly code: string, readonly category: string, message: string) {
    super(message);
  }
}
