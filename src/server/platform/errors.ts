import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { describeIssues, type ErrorCode, type ErrorResponse } from '../../shared/sync/protocol.ts';

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
 * `message`, with what does not fit (describeIssues, unless the route words it itself). Every
 * route that takes a body or a query reads it through here, so every refusal has one shape.
 */
export function validOr400<T>(
  reply: FastifyReply,
  schema: z.ZodType<T>,
  input: unknown,
  message: string,
  issuesOf: (error: z.ZodError) => string[] = describeIssues,
): T | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  sendError(reply, 400, 'invalid-request', message, issuesOf(parsed.error));
  return undefined;
}
