import { Body, Controller, Delete, Get, HttpCode, Param, Query, Res } from '@nestjs/common';
import { Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError, isUuid } from '@libs/kernel';
import { AcceptsForms, ApiProblems, Public, optionalIntegerQuery } from '@libs/platform';
import { CreateOrderHandler } from '../../../application/commands/create-order/create-order.handler';
import { DeleteUserOrdersHandler, DeletedUserOrders } from '../../../application/commands/delete-user-orders/delete-user-orders.handler';
import { FeatureToggles } from '../../../application/feature-toggles';
import { GetOrderEventsHandler } from '../../../application/queries/get-order-events/get-order-events.handler';
import { GetOrderHandler } from '../../../application/queries/get-order/get-order.handler';
import { ListMethodsHandler } from '../../../application/queries/list-methods/list-methods.handler';
import { ListUserOrdersHandler } from '../../../application/queries/list-user-orders/list-user-orders.handler';
import { ORDERS_ERRORS } from '../../../domain/errors';
import { PAYMENT_METHODS } from '../../../domain/order';

const ORDER_FIELDS = ['value', 'user_id', 'installment', 'method'];

// What domain/order.ts accepts, as JSON Schema (npm run test:api-fuzz checks it): the body lists exactly its four
// fields (others are 422), and the (method, installment) pair must be in the methods table (400 otherwise).
/** JavaScript's `\s` (what `trim()` removes), spelled out: Python's `\s` also matches \x1c-\x1f. */
const WS = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*';
/**
 * 1-128 printable ASCII characters without spaces (parseUserId), blanks around them trimmed. `%` is left out: in a
 * path it starts a percent-encoding, which the server decodes (a client sends a literal % as %25).
 */
const USER_ID = { type: 'string', pattern: `^${WS}[!-$&-~]+${WS}$`, maxLength: 128 } as const;
/** More than 0, at most 99,999,999,999.99 (MAX_VALUE_CENTS), at most 2 decimal places. */
const VALUE_PATTERN = `^${WS}(?:[1-9][0-9]{0,10}(?:\\.[0-9]{1,2})?|0{1,11}\\.(?:[1-9][0-9]?|0[1-9]))${WS}$`;
// The (method, installment) pair must be a row of the methods table (PAYMENT_METHODS; 400 ORDERS.INVALID_METHOD): a
// rule across two fields, stated in the descriptions (schemathesis' hooks pick a pair from the table).
const MAX_INSTALLMENT = Math.max(...PAYMENT_METHODS.map((m) => m.maxInstallment));
const ORDER_BODY_SCHEMA = {
  type: 'object',
  required: ORDER_FIELDS,
  additionalProperties: false,
  properties: {
    value: { anyOf: [{ type: 'string', pattern: VALUE_PATTERN }, { type: 'integer', minimum: 1, maximum: 99_999_999_999 }], example: '1000.00' },
    user_id: { ...USER_ID, example: 'uuuu-aaaa-bbbb' },
    installment: { type: 'integer', minimum: 1, maximum: MAX_INSTALLMENT, example: 1, description: PAYMENT_METHODS.map((m) => `${m.name}: ${m.minInstallment}-${m.maxInstallment}`).join(', ') },
    method: { type: 'string', enum: PAYMENT_METHODS.map((m) => m.name), example: 'credit_card', description: 'A method of GET /api/methods, with an installment count it allows' },
  },
};
const ORDER_EXAMPLE = { id: '0b9e3c4e-8a51-4b43-9a8e-3f0f4f7f2a10', value: '1000', user_id: 'uuuu-aaaa-bbbb', installment: 1, status: 'PROCESSING', method: 'credit_card' };

/**
 * The original's order API, unauthenticated as it was (docs/compatibility.md, "orders"): its clients send no tokens.
 * Every route is guarded by a feature toggle (503 when disabled).
 */
@ApiTags('orders')
@Public()
@Controller()
export class OrdersController {
  constructor(
    private readonly createOrder: CreateOrderHandler,
    private readonly getOrder: GetOrderHandler,
    private readonly listUserOrders: ListUserOrdersHandler,
    private readonly getOrderEvents: GetOrderEventsHandler,
    private readonly listMethods: ListMethodsHandler,
    private readonly deleteUserOrders: DeleteUserOrdersHandler,
    private readonly toggles: FeatureToggles,
  ) {}

  @Post('api/orders')
  // The original's clients post forms; every other Junction route takes JSON only (platform body rules).
  @AcceptsForms()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an order (form-urlencoded, multipart or JSON); the saga settles it asynchronously' })
  @ApiConsumes('application/x-www-form-urlencoded', 'multipart/form-data', 'application/json')
  @ApiBody({ schema: ORDER_BODY_SCHEMA })
  @ApiResponse({ status: 201, schema: { example: ORDER_EXAMPLE } })
  @ApiProblems(
    { status: 400, code: ORDERS_ERRORS.INVALID_METHOD, detail: 'The method passed is invalid.', extra: { error: 'The method passed is invalid.' } },
    { status: 422, code: ORDERS_ERRORS.VALIDATION_FAILED, detail: 'value must be a positive decimal number with at most 2 decimal places' },
    { status: 503, code: ORDERS_ERRORS.FEATURE_DISABLED, detail: 'postOrder is disabled by a feature toggle' },
  )
  async create(@Body() body: unknown): Promise<unknown> {
    this.toggles.assertEnabled('postOrder');
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new DomainError(ORDERS_ERRORS.VALIDATION_FAILED, 'unprocessable', 'the body must be an object with value, user_id, installment and method', { details: { fields: ORDER_FIELDS } });
    }
    const fields = body as Record<string, unknown>;
    const unknown = Object.keys(fields).filter((k) => !ORDER_FIELDS.includes(k));
    if (unknown.length > 0) {
      throw new DomainError(ORDERS_ERRORS.VALIDATION_FAILED, 'unprocessable', `unknown fields: ${unknown.slice(0, 10).join(', ').slice(0, 300)}`, { details: { fields: unknown.slice(0, 10) } });
    }
    return this.createOrder.execute({ value: fields.value, user_id: fields.user_id, installment: fields.installment, method: fields.method });
  }

  @Get('api/order/:id')
  @ApiOperation({ summary: 'One order' })
  @ApiResponse({ status: 200, schema: { example: { ...ORDER_EXAMPLE, status: 'APPROVED' } } })
  @ApiProblems({ status: 404, code: ORDERS_ERRORS.ORDER_NOT_FOUND, detail: 'order … not found' })
  async order(@Param('id') id: string): Promise<unknown> {
    this.toggles.assertEnabled('getOrderById');
    return this.getOrder.execute(this.orderId(id));
  }

  @Get('api/order/:id/events')
  @ApiOperation({ summary: "The order's saga event log, in order" })
  @ApiResponse({ status: 200, schema: { example: { order_id: ORDER_EXAMPLE.id, events: [{ time: '2026-01-01T00:00:00.000Z', event: 'start_event', message: 'Order started.', status: 'PROCESSING' }] } } })
  @ApiProblems({ status: 404, code: ORDERS_ERRORS.ORDER_NOT_FOUND, detail: 'order … not found' })
  async events(@Param('id') id: string): Promise<unknown> {
    this.toggles.assertEnabled('getOrderEvents');
    return this.getOrderEvents.execute(this.orderId(id));
  }

  @Get('api/orders/:user_id')
  @ApiOperation({ summary: "A user's orders, paged; total is the user's number of orders" })
  @ApiQuery({ name: 'offset', required: false, schema: optionalIntegerQuery(0, 999_999_999_999_999) })
  @ApiQuery({ name: 'limit', required: false, description: '1 to ORDERS_MAX_PAGE_SIZE (default 100)', schema: optionalIntegerQuery(1, 100) })
  @ApiProblems({ status: 400, code: ORDERS_ERRORS.VALIDATION_FAILED, detail: 'offset must be an integer from 0 to 9007199254740991' })
  @ApiResponse({ status: 200, schema: { example: { offset: 0, limit: 100, total: 1, orders: [ORDER_EXAMPLE] } } })
  async userOrders(@Param('user_id') userId: string, @Query('offset') offset?: string, @Query('limit') limit?: string): Promise<unknown> {
    this.toggles.assertEnabled('getOrdersFromUser');
    return this.listUserOrders.execute(userId, offset, limit);
  }

  @Delete('api/orders/user/:user_id')
  @ApiParam({ name: 'user_id', example: 'user_test', schema: USER_ID })
  @ApiOperation({
    summary: "Delete a user's settled orders (seed 004's test clean-up)",
    description:
      "The original's e2e suite calls it last (`DELETE /api/orders/user/test`). Unauthenticated like the original's other routes; APPROVED and CANCELED orders go with their event logs, orders still PROCESSING are kept (no saga loses its order). Toggle `deleteOrdersFromUser` switches it off (503).",
  })
  @ApiResponse({
    status: 200,
    description: 'How many settled orders went, and how many PROCESSING ones were kept',
    schema: {
      type: 'object',
      required: ['user_id', 'deleted', 'kept_processing'],
      properties: { user_id: { type: 'string' }, deleted: { type: 'integer', minimum: 0 }, kept_processing: { type: 'integer', minimum: 0 } },
      example: { user_id: 'user_test', deleted: 4, kept_processing: 0 },
    },
  })
  @ApiProblems(
    { status: 422, code: ORDERS_ERRORS.VALIDATION_FAILED, detail: 'user_id must be 1-128 printable characters without spaces' },
    { status: 503, code: ORDERS_ERRORS.FEATURE_DISABLED, detail: 'deleteOrdersFromUser is disabled by a feature toggle' },
  )
  async deleteOrders(@Param('user_id') userId: string): Promise<DeletedUserOrders> {
    this.toggles.assertEnabled('deleteOrdersFromUser');
    return this.deleteUserOrders.execute(userId);
  }

  @Get('api/methods')
  @ApiOperation({ summary: 'Payment methods and their installments' })
  async methods(): Promise<unknown> {
    this.toggles.assertEnabled('getMethods');
    return this.listMethods.execute();
  }

  @Get('health')
  @ApiOperation({ summary: "The original's health route" })
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('readiness')
  @ApiOperation({ summary: "The original's readiness route (the order store answers)" })
  async readiness(): Promise<{ status: string }> {
    await this.listMethods.execute();
    return { status: 'ready' };
  }

  @Get('swagger/index.html')
  @ApiOperation({ summary: "The original's Swagger address: redirects to /docs" })
  swagger(@Res() reply: FastifyReply): void {
    void reply.redirect('/docs', 302);
  }

  private orderId(id: string): string {
    if (!isUuid(id)) throw DomainError.notFound(ORDERS_ERRORS.ORDER_NOT_FOUND, 'order not found');
    return id;
  }
}
