// Every kind of record the change feed carries, declared once: the schema a device checks each
// change against, and whether a kiosk may receive it. The hub writes change rows only under
// these names (`FeedEntity`); each device applies them through its table of appliers
// (src/client/sync/feed-appliers.ts), typed so that an entity declared here without an applier
// does not compile.
import type { z } from 'zod';
import { caseEvent, caseRecord } from '../case.ts';
import { casePhotoMeta } from '../case-photo.ts';
import { contact, helpEvent } from '../contact.ts';
import { contactNote } from '../contact-note.ts';
import { localPageRevision } from '../local-page.ts';
import { publishedReview } from '../review.ts';
import { staffMember } from '../staff-schema.ts';
import { trainingCompletionInput } from '../training.ts';

export interface FeedEntityDeclaration<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** A kiosk is used by the public: it receives nothing personal and no staff records. */
  kiosk: boolean;
}

export const FEED_ENTITIES = {
  contactNote: { schema: contactNote, kiosk: false },
  localPageRevision: { schema: localPageRevision, kiosk: false },
  // Contacts carry no personal data; a kiosk uses them for "often used here".
  contact: { schema: contact, kiosk: true },
  helpEvent: { schema: helpEvent, kiosk: true },
  case: { schema: caseRecord, kiosk: false },
  caseEvent: { schema: caseEvent, kiosk: false },
  casePhoto: { schema: casePhotoMeta, kiosk: false },
  staff: { schema: staffMember, kiosk: false },
  trainingCompletion: { schema: trainingCompletionInput, kiosk: false },
  // Published reviews are public.
  review: { schema: publishedReview, kiosk: true },
} as const satisfies Record<string, FeedEntityDeclaration>;

export type FeedEntity = keyof typeof FEED_ENTITIES;
export type FeedData<E extends FeedEntity> = z.infer<(typeof FEED_ENTITIES)[E]['schema']>;
export const FEED_ENTITY_NAMES = Object.keys(FEED_ENTITIES) as FeedEntity[];

export function isFeedEntity(name: string): name is FeedEntity {
  return Object.hasOwn(FEED_ENTITIES, name);
}

/** The entities a kiosk never receives. */
export const KIOSK_EXCLUDED_ENTITIES: readonly FeedEntity[] = FEED_ENTITY_NAMES.filter(
  (name) => !FEED_ENTITIES[name].kiosk,
);
