import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import { Public } from '@libs/platform';

const ASSETS = join(__dirname, 'assets');
const TYPES: Record<string, string> = { 'app.js': 'text/javascript; charset=utf-8', 'app.css': 'text/css; charset=utf-8' };

/** Read once: the page is three small static files (nest-cli copies them to dist with the assets rule). */
const files = new Map<string, string>(['index.html', ...Object.keys(TYPES)].map((f) => [f, readFileSync(join(ASSETS, f), 'utf8')]));

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** The booking web page (the original's web-service): public HTML/CSS/JS; it calls identity's and trains' JSON routes. */
@ApiExcludeController()
@Controller('trains/app')
@Public()
export class BookingPageController {
  @Get()
  @Header('cache-control', 'no-cache')
  page(@Res() reply: FastifyReply): void {
    void reply.headers({ ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' }).send(files.get('index.html'));
  }

  @Get(':file')
  @Header('cache-control', 'no-cache')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const body = TYPES[file] ? files.get(file) : undefined;
    if (body === undefined) {
      void reply.status(404).header('content-type', 'application/problem+json; charset=utf-8').send({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no such file', code: 'REQUEST.ROUTE_NOT_FOUND' });
      return;
    }
    void reply.headers({ ...SECURITY_HEADERS, 'content-type': TYPES[file] }).send(body);
  }
}
