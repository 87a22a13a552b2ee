// Every error the API answers: one shape, `{"error":{"code","message":{"en","fa"}}}`, with the
// HTTP status that means it. Never a stack trace: anything unforeseen is a 500 that says so.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Bilingual } from '../core/plan/problems';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Bilingual,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(text.en);
  }
}

export const errorBody = (code: string, message: Bilingual, extra: Record<string, unknown> = {}) => ({ error: { code, message, ...extra } });

export const notFound = (what: Bilingual) => new ApiError(404, 'not-found', { en: `${what.en} does not exist`, fa: `${what.fa} وجود ندارد` });

export const forbidden = (en: string, fa: string) => new ApiError(403, 'forbidden', { en, fa });

export const badRequest = (code: string, en: string, fa: string, extra: Record<string, unknown> = {}) => new ApiError(400, code, { en, fa }, extra);

/** What fastify itself refuses (body parsing, size, media type), in the API's words. */
function frameworkError(e: FastifyError): ApiError | undefined {
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return badRequest('json', 'the body is not valid JSON (or holds a __proto__ or constructor key)', 'بدنه درخواست JSON معتبر نیست (یا کلید __proto__ یا constructor دارد)');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'too-large', { en: 'the body is larger than this server accepts', fa: 'بدنه درخواست بزرگ‌تر از حدی است که این سرور می‌پذیرد' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'media-type', { en: 'send JSON (Content-Type: application/json)', fa: 'JSON بفرستید (Content-Type: application/json)' });
    default:
      return undefined;
  }
}

export function handleError(e: FastifyError | Error, _req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const api = e instanceof ApiError ? e : frameworkError(e as FastifyError);
  if (api) {
    if (typeof api.extra.retryAfter === 'number') void reply.header('Retry-After', String(api.extra.retryAfter));
    return reply.code(api.status).send(errorBody(api.code, api.text, api.extra));
  }
  // A 4xx fastify raised that has no words of ours yet: keep its status, not its internals.
  const status = (e as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send(errorBody('bad-request', { en: e.message, fa: e.message }));
  return reply.code(500).send(errorBody('internal', { en: 'the server failed unexpectedly; nothing was changed', fa: 'سرور به‌طور غیرمنتظره‌ای خطا داد؛ چیزی تغییر نکرد' }));
}
