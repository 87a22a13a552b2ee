// The browser pages (issue 15) and the headers every answer carries. The pages are webpack's output
// folder, served as files: web.html at /, its scripts and assets beside it; never a listing, a
// dotfile, anything outside the folder, nor anything under /api or at /health.
import * as fs from 'fs';
import * as path from 'path';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';

export const PAGE = 'web.html';

/**
 * Nothing inline but styles (Fluent UI injects style elements as it renders); no framing; no
 * referrer leaving the site. No HSTS: TLS belongs to the reverse proxy in front.
 */
export function securityHeaders(app: FastifyInstance): void {
  void app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

const reserved = (p: string) => p === '/health' || p === '/api' || p.startsWith('/api/');

export function webPages(app: FastifyInstance, folder: string): void {
  const root = path.resolve(folder);
  void app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    list: false,
    dotfiles: 'deny',
    allowedPath: (pathName) => !reserved(pathName),
  });
  app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').sendFile(PAGE));
}

/** The folder of the pages a server shows by default: the package's own build, when it holds the pages. */
export function defaultWebFolder(): string | undefined {
  // From src/server (ts-node, jest) or lib/src/server (compiled), the package's dist folder.
  for (const up of [['..', '..'], ['..', '..', '..']]) {
    const dir = path.join(__dirname, ...up, 'dist');
    if (fs.existsSync(path.join(dir, PAGE)) && fs.existsSync(path.join(__dirname, ...up, 'package.json'))) return dir;
  }
  return undefined;
}
