// The audit log of administrative changes: every studio write (enrolment codes, devices,
// people, keys, places, the pack) calls recordAdminChange inside the transaction of the change
// itself, so the log and the change commit together or not at all. The studio reads it
// (features/admin-log); a partner manager sees only the entries about their partner.
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AdminAction, AdminLogEntry } from '../../../shared/api/admin-log.ts';
import type { Role } from '../../../shared/staff.ts';
import type { Database } from './schema.ts';

/** Who made a change: the person of the hub session. */
export interface AdminActor {
  id: string;
  role: Role;
}

export interface AdminChange {
  actor: AdminActor;
  partnerId: string | null;
  action: AdminAction;
  target: string;
  before?: unknown;
  after?: unknown;
  /** Defaults to the hub's clock now. */
  at?: string;
}

/**
 * Field names whose values never reach the log, however deep: a log that is exported and read
 * widely must not become a way to learn a PIN hash, a token or a key.
 */
const SECRET_FIELD =
  /^(pin|pinHash|pin_hash|salt|hash|token|tokenHash|token_hash|key|keyHash|key_hash|code|codeHash|code_hash|secret|passphrase)$/i;

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_FIELD.test(k) ? '[secret]' : redactSecrets(v),
    ]),
  );
}

const asJson = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(redactSecrets(value));

/** Records one change; call it with the transaction that makes the change. */
export async function recordAdminChange(db: Kysely<Database>, change: AdminChange): Promise<void> {
  await db
    .insertInto('admin_log')
    .values({
      id: randomUUID(),
      at: change.at ?? new Date().toISOString(),
      actor_id: change.actor.id,
      actor_role: change.actor.role,
      partner_id: change.partnerId,
      action: change.action,
      target: change.target,
      before: asJson(change.before),
      after: asJson(change.after),
    })
    .execute();
}

/**
 * A page of the log, newest first. `partnerId` undefined reads every entry (the franchisor);
 * a partner id reads that partner's only. `before` is the `next` of the previous page.
 */
export async function listAdminChanges(
  db: Kysely<Database>,
  options: { partnerId?: string; before?: number; limit: number },
): Promise<{ entries: AdminLogEntry[]; next: number | null }> {
  let query = db.selectFrom('admin_log').selectAll();
  if (options.partnerId !== undefined) query = query.where('partner_id', '=', options.partnerId);
  if (options.before !== undefined) query = query.where('seq', '<', options.before);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      actorRole: row.actor_role as Role,
      partnerId: row.partner_id,
      action: row.action as AdminAction,
      target: row.target,
      before: row.before === null ? null : (JSON.parse(row.before) as unknown),
      after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    })),
    next: rows.length > options.limit && last ? Number(last.seq) : null,
  };
}
