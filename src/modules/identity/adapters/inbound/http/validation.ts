import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '@libs/kernel';

function flatten(errors: ValidationError[], parent = ''): { fields: string[]; messages: string[] } {
  const fields: string[] = [];
  const messages: string[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      fields.push(field);
      // class-validator messages start with the property name ("email must be a string").
      messages.push(...Object.values(e.constraints));
    }
    const nested = flatten(e.children ?? [], field);
    fields.push(...nested.fields);
    messages.push(...nested.messages);
  }
  return { fields: [...new Set(fields)], messages };
}

export function validationFailed(messages: string[], fields: string[]): DomainError {
  return DomainError.invalid('REQUEST.VALIDATION_FAILED', messages.join('; '), { errors: messages, fields });
}

/** A JSON body must be an object: `null`, arrays, strings and numbers are refused with 400 before anything else. */
@Injectable()
export class JsonObjectPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw validationFailed(['request body must be a JSON object'], ['body']);
    }
    return value;
  }
}

/**
 * Types and presence of body fields (class-validator DTOs): unknown fields are refused, nothing is coerced, and the
 * problem lists every failing field (`errors`, `fields`).
 */
export const strictBody = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: false,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors: ValidationError[]) => {
    const { fields, messages } = flatten(errors);
    return validationFailed(messages, fields);
  },
});
