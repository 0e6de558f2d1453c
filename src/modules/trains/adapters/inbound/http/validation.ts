import { DomainError } from '@libs/kernel';

export function validationFailed(messages: string[], fields: string[]): DomainError {
  return DomainError.invalid('REQUEST.VALIDATION_FAILED', messages.join('; '), { errors: messages, fields });
}

/** A small, explicit body reader: objects only, known fields only, types checked; every problem listed. */
export class BodyReader {
  private readonly messages: string[] = [];
  private readonly fields: string[] = [];
  private readonly body: Record<string, unknown>;

  constructor(raw: unknown, allowed: readonly string[]) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw validationFailed(['request body must be a JSON object'], ['body']);
    this.body = raw as Record<string, unknown>;
    for (const key of Object.keys(this.body)) if (!allowed.includes(key)) this.fail(key, `property ${key} should not exist`);
  }

  /** Records one more problem with `field` (reported with the others by done()). */
  fail(field: string, message: string): void {
    this.fields.push(field);
    this.messages.push(message);
  }

  string(field: string, max = 200): string {
    const v = this.body[field];
    if (typeof v !== 'string' || v.length === 0 || v.length > max) this.fail(field, `${field} must be a non-empty string of at most ${max} characters`);
    return typeof v === 'string' ? v : '';
  }

  optionalString(field: string, max = 200): string | undefined {
    return this.body[field] === undefined || this.body[field] === null ? undefined : this.string(field, max);
  }

  /** Seats: an array of seat ids (`B-12`) or 1-based seat numbers; its length is checked by the use case. */
  seats(field: string): Array<string | number> {
    const v = this.body[field];
    if (!Array.isArray(v) || v.length > 1000 || !v.every((s) => (typeof s === 'string' && s.length <= 40) || (Number.isInteger(s) && (s as number) > 0))) {
      this.fail(field, `${field} must be an array of seat ids (strings) or seat numbers`);
      return [];
    }
    return v as Array<string | number>;
  }

  seat(field: string): string | number {
    const v = this.body[field];
    if (!((typeof v === 'string' && v.length > 0 && v.length <= 40) || (Number.isInteger(v) && (v as number) > 0))) {
      this.fail(field, `${field} must be a seat id or a positive seat number`);
      return '';
    }
    return v as string | number;
  }

  object(field: string): Record<string, unknown> {
    const v = this.body[field];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.fail(field, `${field} must be an object`);
      return {};
    }
    return v as Record<string, unknown>;
  }

  raw(field: string): unknown {
    return this.body[field];
  }

  done(): void {
    if (this.messages.length > 0) throw validationFailed(this.messages, [...new Set(this.fields)]);
  }
}

const KEY = /^[A-Za-z0-9._:-]{1,128}$/;

export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const v = headers['idempotency-key'];
  return typeof v === 'string' && KEY.test(v) ? v : undefined;
}
