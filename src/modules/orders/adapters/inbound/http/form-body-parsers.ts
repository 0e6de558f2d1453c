import type { FastifyInstance } from 'fastify';
import { parse as parseQuery } from 'node:querystring';

const MAX_FIELDS = 100;

/**
 * The original's clients post orders as `application/x-www-form-urlencoded` and `multipart/form-data`; Fastify parses
 * only JSON and text. These parsers turn both into plain objects of text fields (file parts are ignored). They are
 * registered only when no other module did, so every other JSON route is unaffected, and Fastify's body limit
 * (413) applies to them as to JSON.
 */
export function registerFormParsers(fastify: FastifyInstance): void {
  if (!fastify.hasContentTypeParser('application/x-www-form-urlencoded')) {
    fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      try {
        const parsed = parseQuery(String(body), '&', '=', { maxKeys: MAX_FIELDS });
        done(null, flatten(parsed));
      } catch {
        done(badRequest('malformed form body'), undefined);
      }
    });
  }
  if (!fastify.hasContentTypeParser('multipart/form-data')) {
    fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
      const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(String(req.headers['content-type'] ?? ''));
      if (!boundary) return done(badRequest('multipart body without a boundary'), undefined);
      try {
        done(null, parseMultipart(body as Buffer, boundary[1] ?? boundary[2]));
      } catch (error) {
        done(badRequest((error as Error).message), undefined);
      }
    });
  }
}

/** Text fields of a multipart/form-data body (RFC 7578); parts with a filename are skipped. */
export function parseMultipart(body: Buffer, boundary: string): Record<string, string> {
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const fields: Record<string, string> = {};
  const parts = text.split(delimiter);
  if (parts.length < 2) throw new Error('multipart body has no parts');
  let count = 0;
  for (const raw of parts.slice(1)) {
    if (raw.startsWith('--')) break; // closing delimiter
    const part = raw.replace(/^\r?\n/, '');
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) throw new Error('malformed multipart part');
    const head = part.slice(0, split);
    const separator = /\r?\n\r?\n/.exec(part.slice(split))![0];
    const value = part.slice(split + separator.length).replace(/\r?\n$/, '');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(head);
    if (!disposition) throw new Error('multipart part without content-disposition');
    const name = /\bname="([^"]*)"/i.exec(disposition[1]);
    if (!name) throw new Error('multipart part without a name');
    if (/\bfilename\*?=/i.test(disposition[1])) continue;
    if (++count > MAX_FIELDS) throw new Error('too many multipart fields');
    fields[Buffer.from(name[1], 'latin1').toString('utf8')] = Buffer.from(value, 'latin1').toString('utf8');
  }
  return fields;
}

function flatten(parsed: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (v !== undefined) out[k] = Array.isArray(v) ? v[v.length - 1] : v;
  return out;
}

function badRequest(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400 });
}
