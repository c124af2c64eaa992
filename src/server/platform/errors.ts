import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { ErrorCode, ErrorResponse } from '../../shared/sync/protocol.ts';

export function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  issues?: string[],
): FastifyReply {
  const body: ErrorResponse = { type: 'error', code, message, ...(issues ? { issues } : {}) };
  return reply.code(status).send(body);
}

/**
 * `input` as `schema` reads it; if it does not fit, undefined once a 400 is sent saying
 * `message`, with the issues `issuesOf` lists (describeIssues, say), if given.
 */
export function validOr400<T>(
  reply: FastifyReply,
  schema: z.ZodType<T>,
  input: unknown,
  message: string,
  issuesOf?: (error: z.ZodError) => string[],
): T | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  sendError(reply, 400, 'invalid-request', message, issuesOf?.(parsed.error));
  return undefined;
}
