import { status as GrpcStatus } from '@grpc/grpc-js';
import { ErrorCategory } from '@libs/kernel';

/** The one place categories become transport statuses. */
export const HTTP_STATUS_BY_CATEGORY: Record<ErrorCategory, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 412,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export const GRPC_STATUS_BY_CATEGORY: Record<ErrorCategory, GrpcStatus> = {
  invalid: GrpcStatus.INVALID_ARGUMENT,
  unprocessable: GrpcStatus.INVALID_ARGUMENT,
  unauthorized: GrpcStatus.UNAUTHENTICATED,
  forbidden: GrpcStatus.PERMISSION_DENIED,
  not_found: GrpcStatus.NOT_FOUND,
  conflict: GrpcStatus.ALREADY_EXISTS,
  precondition: GrpcStatus.FAILED_PRECONDITION,
  rate_limited: GrpcStatus.RESOURCE_EXHAUSTED,
  internal: GrpcStatus.INTERNAL,
  unavailable: GrpcStatus.UNAVAILABLE,
};

const CATEGORY_BY_HTTP_STATUS: Record<number, ErrorCategory> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition',
  413: 'invalid',
  415: 'invalid',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'unavailable',
};

export function categoryForHttpStatus(status: number): ErrorCategory {
  return CATEGORY_BY_HTTP_STATUS[status] ?? (status >= 500 ? 'internal' : 'invalid');
}
