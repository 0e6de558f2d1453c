import { BadRequestException, NotFoundException } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { DomainError, ERROR_CATEGORIES } from '@libs/kernel';
import { GRPC_STATUS_BY_CATEGORY, HTTP_STATUS_BY_CATEGORY } from './error-mapping';
import { toProblem } from './problem';
import { toGrpcError } from './grpc-error.filter';

describe('error edge mapping', () => {
  it('maps every category to an HTTP and a gRPC status', () => {
    for (const category of ERROR_CATEGORIES) {
      expect(HTTP_STATUS_BY_CATEGORY[category]).toBeGreaterThanOrEqual(400);
      expect(GRPC_STATUS_BY_CATEGORY[category]).toBeGreaterThan(0);
    }
  });

  it('turns a DomainError into problem+json with its code, details and Retry-After', () => {
    const error = new DomainError('TRAINS.SEAT_ALREADY_HELD', 'conflict', 'Seat 12A is held', { details: { seat: '12A' }, retryAfterSeconds: 3 });
    const problem = toProblem(error, '/trains/holds', 'abc');
    expect(problem.body).toEqual({
      type: 'https://junction.dev/problems/trains-seat-already-held',
      title: 'Conflict',
      status: 409,
      detail: 'Seat 12A is held',
      code: 'TRAINS.SEAT_ALREADY_HELD',
      instance: '/trains/holds',
      traceId: 'abc',
      seat: '12A',
    });
    expect(problem.retryAfterSeconds).toBe(3);
    expect(problem.unexpected).toBe(false);
  });

  it('reports validation errors as a list and never leaks unknown errors', () => {
    const validation = toProblem(new BadRequestException(['email must be an email', 'password too short']));
    expect(validation.body).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED', errors: ['email must be an email', 'password too short'] });
    expect(toProblem(new NotFoundException()).body.code).toBe('REQUEST.ROUTE_NOT_FOUND');
    const crash = toProblem(new Error('connection string postgres://u:secret@h'));
    expect(crash.body.status).toBe(500);
    expect(JSON.stringify(crash.body)).not.toContain('secret');
    expect(crash.unexpected).toBe(true);
  });

  it('maps Fastify body errors to 4xx', () => {
    expect(toProblem({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413, message: 'too large' }).body).toMatchObject({ status: 413, code: 'REQUEST.BODY_TOO_LARGE' });
    expect(toProblem({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }).body.status).toBe(415);
  });

  it('maps DomainErrors to gRPC statuses carrying the stable code', () => {
    expect(toGrpcError(DomainError.invalid('X.BAD', 'email is empty'))).toEqual({ code: status.INVALID_ARGUMENT, message: 'X.BAD: email is empty' });
    expect(toGrpcError(DomainError.unavailable('X.DOWN', 'store down')).code).toBe(status.UNAVAILABLE);
    expect(toGrpcError(new Error('boom'))).toEqual({ code: status.INTERNAL, message: 'INTERNAL: unexpected error' });
  });
});
