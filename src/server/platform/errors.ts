import type { FastifyReply } from 'fastify';
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
