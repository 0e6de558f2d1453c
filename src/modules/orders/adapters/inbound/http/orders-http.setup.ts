import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { registerFormParsers } from './form-body-parsers';

/** Adds the form and multipart body parsers the original's clients need to the process's Fastify instance. */
@Injectable()
export class OrdersHttpSetup implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const instance = this.host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (instance && typeof instance.addContentTypeParser === 'function') registerFormParsers(instance);
  }
}
