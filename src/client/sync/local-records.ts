// What each kind of op leaves on this device besides its outbox entry, so that an op declared
// `forget` (src/shared/sync/mutations.ts: a kiosk's citizen text, a follow-up's address) leaves
// nothing once the hub has answered. Typed over every kind: a new kind must say what it leaves.
import type { Table } from 'dexie';
import type { MutationKind } from '../../shared/sync/mutations.ts';
import type { AnyDoorDatabase } from '../db/database.ts';

interface LocalRecord {
  tables: (db: AnyDoorDatabase) => Table[];
  forget: (db: AnyDoorDatabase, recordId: string) => Promise<void>;
}

/** A record kept in one table under the op's record id. */
function keyed(table: (db: AnyDoorDatabase) => Table): LocalRecord {
  return {
    tables: (db) => [table(db)],
    forget: async (db, id) => {
      await table(db).delete(id);
    },
  };
}

/** Kinds that write nothing but their outbox entry. */
const OUTBOX_ONLY: LocalRecord = { tables: () => [], forget: async () => undefined };

export const LOCAL_RECORDS: { readonly [K in MutationKind]: LocalRecord } = {
  'contactNote.create': keyed((db) => db.contactNotes),
  'localPage.save': keyed((db) => db.pageRevisions),
  'contact.record': keyed((db) => db.contacts),
  'help.request': keyed((db) => db.helpEvents),
  'help.answer': keyed((db) => db.helpEvents),
  'case.open': {
    tables: (db) => [db.cases, db.caseEvents, db.casePhotos],
    forget: async (db, id) => {
      await db.cases.delete(id);
      await db.caseEvents.where('caseId').equals(id).delete();
      await db.casePhotos.where('caseId').equals(id).delete();
    },
  },
  'case.event': keyed((db) => db.caseEvents),
  'training.complete': keyed((db) => db.trainingCompletions),
  'feedback.give': OUTBOX_ONLY,
  'followup.consent': OUTBOX_ONLY,
  'review.submit': OUTBOX_ONLY,
  'audit.submit': keyed((db) => db.audits),
};

/** Every table forgetting may touch. */
export function localRecordTables(db: AnyDoorDatabase): Table[] {
  return [...new Set(Object.values(LOCAL_RECORDS).flatMap((record) => record.tables(db)))];
}
