// A mystery-shopping audit as a device submits it (op `audit.submit`). The auditor's tablet
// belongs to their own base, so the op names the place audited; the hub checks that it exists,
// that every check is on that place's checklist, and scores the audit itself.
import { z } from 'zod';
import { AUDIT_RESULTS } from './audit-checklist.ts';
import { uuidV7 } from './ids.ts';
import { slug } from './pack/schema.ts';
import { freeText } from './text.ts';

/** Checklist item ids: slugs joined by "/" or ":" (see ChecklistItem.id). */
const checkId = z
  .string()
  .max(250)
  .regex(/^[a-z0-9][a-z0-9-]*([/:][a-z0-9][a-z0-9-]*){1,2}$/, {
    message: 'must be a checklist item id',
  });

export const MAX_AUDIT_ITEMS = 500;

export const auditItemInput = z.strictObject({
  checkId,
  result: z.enum(AUDIT_RESULTS),
  /** What the auditor saw or heard: the evidence behind the answer. */
  note: freeText(1, 2000).optional(),
});
export type AuditItemInput = z.infer<typeof auditItemInput>;

export const auditSubmitInput = z.strictObject({
  id: uuidV7,
  accessPointId: slug,
  /** The device clock when the visit ended: shown, never used for ordering. */
  visitedAt: z.iso.datetime({ offset: true }),
  /** The device's own score, shown offline; the hub recomputes it and keeps its own. */
  score: z.number().min(0).max(100).optional(),
  items: z
    .array(auditItemInput)
    .min(1, { message: 'an audit needs at least one answered check' })
    .max(MAX_AUDIT_ITEMS)
    .refine((items) => new Set(items.map((i) => i.checkId)).size === items.length, {
      message: 'a check is answered twice',
    }),
});
export type AuditSubmitInput = z.infer<typeof auditSubmitInput>;
