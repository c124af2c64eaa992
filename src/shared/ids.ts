// Client-generated ids: UUIDv7 sorts by creation time, so an outbox drains in the order it
// was written and server indexes stay compact.
import { v7 } from 'uuid';
import { z } from 'zod';

export function newId(): string {
  return v7();
}

export const uuidV7 = z.uuid({ version: 'v7', message: 'must be a UUIDv7' });
export const anyUuid = z.uuid({ message: 'must be a UUID' });
