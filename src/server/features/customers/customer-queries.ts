// The single customer view's queries, each taking the database handle first: the store lends
// them its handle (queriesOn), so every value exported here is one of the store's methods.
import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  CustomerCaseView,
  CustomerDetail,
  CustomerEraseResult,
  CustomerMergeResult,
  CustomerSummary,
  CustomerUndoResult,
  MatchProposal,
} from '../../../shared/api/customers.ts';
import { caseState, type CaseDue } from '../../../shared/case.ts';
import { matchScore, nameTokens, normaliseIdentity } from '../../../shared/customer.ts';
import { newId } from '../../../shared/ids.ts';
import type { CasesTable, CustomersTable, Database } from '../../platform/store/schema.ts';
import { caseScopes, eventsOfCases, toCaseRecord } from '../cases/case-rows.ts';
import { findVisible, likePattern, visibleTo, type CustomerViewer } from './customer-links.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type CustomerProblem = 'not-found' | 'conflict' | 'invalid';
export type Outcome<T> =
  { ok: true; value: T } | { ok: false; problem: CustomerProblem; message: string };

const fail = (problem: CustomerProblem, message: string) =>
  ({ ok: false, problem, message }) as const;

function toSummary(row: CustomersTable): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    dateOfBirth: row.date_of_birth,
    postcode: row.postcode,
    phone: row.phone,
    email: row.email,
    createdAt: row.created_at,
    mergedInto: row.merged_into,
    erasedAt: row.erased_at,
  };
}

/** Whether a case's details belong to the viewer's partner (else only a summary is shown). */
function caseIsTheirs(
  row: CasesTable,
  viewer: CustomerViewer,
  placesOfPartner: ReadonlySet<string>,
): boolean {
  if (viewer.partnerId === null) return true;
  if (row.owner_partner_id === viewer.partnerId) return true;
  if (placesOfPartner.has(row.access_point_id)) return true;
  const dues = JSON.parse(row.dues) as CaseDue[];
  return dues.some((d) => d.owner.split('/')[0] === viewer.partnerId);
}

async function placesOf(db: Db, partnerId: string | null): Promise<Set<string>> {
  if (partnerId === null) return new Set();
  const rows = await db
    .selectFrom('access_points')
    .select('id')
    .where('partner_id', '=', partnerId)
    .execute();
  return new Set(rows.map((r) => r.id));
}

async function audit(
  db: Db,
  customerId: string,
  action: 'merge' | 'undo-merge' | 'reject-match' | 'export' | 'erase',
  staffId: string,
  now: string,
  detail: unknown,
): Promise<void> {
  await db
    .insertInto('customer_audit')
    .values({
      id: newId(),
      customer_id: customerId,
      action,
      staff_id: staffId,
      at: now,
      detail: JSON.stringify(detail),
    })
    .execute();
}

export interface CustomerQuery {
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  postcode?: string | undefined;
  dateOfBirth?: string | undefined;
}

/** Live, unerased records matching every field given (name words match as prefixes). */
export async function searchCustomers(
  db: Db,
  query: CustomerQuery,
  viewer: CustomerViewer,
  limit = 50,
): Promise<Outcome<CustomerSummary[]>> {
  const wanted = normaliseIdentity(query);
  const words = query.name ? nameTokens(query.name) : [];
  const given = [query.name, query.phone, query.email, query.postcode, query.dateOfBirth].filter(
    (v) => v !== undefined && v.trim() !== '',
  ).length;
  const usable =
    words.length +
    [wanted.phone, wanted.email, wanted.postcode, wanted.dateOfBirth].filter(Boolean).length;
  if (given === 0 || usable === 0) {
    return fail('invalid', 'Give a name, phone, email, postcode or date of birth to search for.');
  }
  const problems: string[] = [];
  if (query.phone?.trim() && !wanted.phone) problems.push('phone: not a phone number');
  if (query.email?.trim() && !wanted.email) problems.push('email: not an email address');
  if (query.postcode?.trim() && !wanted.postcode) problems.push('postcode: not a UK postcode');
  if (query.dateOfBirth?.trim() && !wanted.dateOfBirth) {
    problems.push('dateOfBirth: not a date');
  }
  if (problems.length > 0) return fail('invalid', problems.join('; '));

  let q = db
    .selectFrom('customers')
    .selectAll()
    .where('merged_into', 'is', null)
    .where('erased_at', 'is', null);
  for (const word of words.slice(0, 6)) {
    q = q.where(sql<boolean>`(' ' || name_key) like ${`% ${likePattern(word)}%`} escape '\\'`);
  }
  if (wanted.phone) q = q.where('phone', '=', wanted.phone);
  if (wanted.email) q = q.where('email', '=', wanted.email);
  if (wanted.postcode) q = q.where('postcode', '=', wanted.postcode);
  if (wanted.dateOfBirth) q = q.where('date_of_birth', '=', wanted.dateOfBirth);
  if (viewer.partnerId !== null) q = q.where(visibleTo(viewer.partnerId));
  const rows = await q.orderBy('name_key').orderBy('id').limit(limit).execute();
  return { ok: true, value: rows.map(toSummary) };
}

/** A customer's record, contacts, cases and undoable merges; null when unknown or not theirs. */
export async function customerDetail(
  db: Db,
  id: string,
  viewer: CustomerViewer,
): Promise<CustomerDetail | null> {
  const row = await findVisible(db, id, viewer);
  if (!row) return null;
  const contacts = await db
    .selectFrom('contacts')
    .innerJoin('access_points', 'access_points.id', 'contacts.access_point_id')
    .select([
      'contacts.id',
      'contacts.service_id',
      'contacts.channel',
      'contacts.outcome',
      'contacts.access_point_id',
      'contacts.created_at',
      'access_points.name as place_name',
      'access_points.partner_id',
    ])
    .where('contacts.customer_id', '=', id)
    .orderBy('contacts.created_at', 'desc')
    .orderBy('contacts.id')
    .limit(500)
    .execute();
  const caseRows = await db
    .selectFrom('cases')
    .selectAll()
    .where('customer_id', '=', id)
    .orderBy('opened_at', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
  const events = await eventsOfCases(
    db,
    caseRows.map((c) => c.id),
  );
  const places = await placesOf(db, viewer.partnerId);
  const cases = caseRows.map((c): CustomerCaseView => {
    const state = caseState(events.get(c.id) ?? []);
    return {
      id: c.id,
      serviceId: c.service_id,
      status: state.status,
      openedAt: c.opened_at,
      resolvedAt: state.resolvedAt,
      ownerPartnerId: c.owner_partner_id,
      ...(caseIsTheirs(c, viewer, places)
        ? {
            full: {
              reference: c.reference,
              type: c.type,
              details: c.details,
              accessPointId: c.access_point_id,
              ownerTeamId: c.owner_team_id,
            },
          }
        : {}),
    };
  });
  const merges = await db
    .selectFrom('customer_merges')
    .innerJoin('customers', 'customers.id', 'customer_merges.merged_id')
    .select([
      'customer_merges.id',
      'customer_merges.kept_id',
      'customer_merges.merged_id',
      'customer_merges.staff_id',
      'customer_merges.merged_at',
      'customer_merges.contact_ids',
      'customer_merges.case_ids',
      'customers.name',
    ])
    .where('customer_merges.kept_id', '=', id)
    .where('customer_merges.undone_at', 'is', null)
    .orderBy('customer_merges.merged_at', 'desc')
    .execute();
  return {
    customer: toSummary(row),
    contacts: contacts.map((c) => ({
      id: c.id,
      serviceId: c.service_id,
      channel: c.channel,
      outcome: c.outcome,
      accessPointId: c.access_point_id,
      accessPointName: c.place_name,
      partnerId: c.partner_id,
      createdAt: c.created_at,
    })),
    cases,
    merges: merges.map((m) => ({
      id: m.id,
      keptId: m.kept_id,
      mergedId: m.merged_id,
      mergedName: m.name,
      staffId: m.staff_id,
      mergedAt: m.merged_at,
      contactCount: (JSON.parse(m.contact_ids) as string[]).length,
      caseCount: (JSON.parse(m.case_ids) as string[]).length,
    })),
  };
}

const PAIR_LIMIT = 5000;

/**
 * Pairs of live records that are likely one person, best first. Candidates come from records
 * sharing an exact normalised field (each an indexed equi-join, so this stays cheap as records
 * grow); every candidate is then scored, and pairs staff turned down are left out.
 */
export async function customerMatches(
  db: Db,
  viewer: CustomerViewer,
  limit = 100,
): Promise<MatchProposal[]> {
  const pairs = new Set<string>();
  for (const column of ['phone', 'email', 'date_of_birth', 'name_key'] as const) {
    const { rows } = await sql<{ a: string; b: string }>`
      select a.id as a, b.id as b from customers a
      join customers b on b.${sql.ref(column)} = a.${sql.ref(column)} and a.id < b.id
      where a.${sql.ref(column)} is not null
        and a.merged_into is null and b.merged_into is null
        and a.erased_at is null and b.erased_at is null
        and not exists (select 1 from customer_match_rejections r
                        where r.first_id = a.id and r.second_id = b.id)
      limit ${PAIR_LIMIT}`.execute(db);
    for (const { a, b } of rows) pairs.add(`${a} ${b}`);
  }
  if (pairs.size === 0) return [];
  const ids = [...new Set([...pairs].flatMap((p) => p.split(' ')))];
  const records = new Map<string, CustomersTable>();
  for (let i = 0; i < ids.length; i += 500) {
    let q = db
      .selectFrom('customers')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500));
    if (viewer.partnerId !== null) q = q.where(visibleTo(viewer.partnerId));
    for (const row of await q.execute()) records.set(row.id, row);
  }
  const proposals: MatchProposal[] = [];
  for (const pair of pairs) {
    const [aId = '', bId = ''] = pair.split(' ');
    const a = records.get(aId);
    const b = records.get(bId);
    if (!a || !b) continue; // one of them is not the viewer's to see
    const sa = toSummary(a);
    const sb = toSummary(b);
    const result = matchScore(sa, sb);
    if (!result.likely) continue;
    proposals.push({
      a: sa,
      b: sb,
      score: result.score,
      agree: result.agree,
      disagree: result.disagree,
    });
  }
  proposals.sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id));
  return proposals.slice(0, limit);
}

/** Runs `work` in one transaction on two different records the viewer may see. */
async function withPair<T>(
  db: Kysely<Database>,
  aId: string,
  bId: string,
  viewer: CustomerViewer,
  work: (trx: Transaction<Database>, a: CustomersTable, b: CustomersTable) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  if (aId === bId) return fail('invalid', 'Choose two different records.');
  return db.transaction().execute(async (trx) => {
    const a = await findVisible(trx, aId, viewer);
    const b = await findVisible(trx, bId, viewer);
    if (!a || !b) return fail('not-found', 'No such customer.');
    return work(trx, a, b);
  });
}

/** Merges `mergeId` into `keepId`: its contacts and cases move, and the move is logged. */
export async function mergeCustomers(
  db: Kysely<Database>,
  input: { keepId: string; mergeId: string; viewer: CustomerViewer; now: string },
): Promise<Outcome<CustomerMergeResult>> {
  const { keepId, mergeId, viewer, now } = input;
  return withPair(db, keepId, mergeId, viewer, async (trx, keep, merge) => {
    if (keep.merged_into || merge.merged_into || keep.erased_at || merge.erased_at) {
      return fail('conflict', 'One of these records was already merged or erased.');
    }
    // Claimed first, so two staff merging the same record at once cannot both win.
    const claimed = await trx
      .updateTable('customers')
      .set({ merged_into: keepId, updated_at: now })
      .where('id', '=', mergeId)
      .where('merged_into', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      return fail('conflict', 'That record was merged by someone else just now.');
    }
    const contacts = await trx
      .updateTable('contacts')
      .set({ customer_id: keepId })
      .where('customer_id', '=', mergeId)
      .returning('id')
      .execute();
    const cases = await trx
      .updateTable('cases')
      .set({ customer_id: keepId })
      .where('customer_id', '=', mergeId)
      .returning('id')
      .execute();
    const id = newId();
    const contactIds = contacts.map((r) => r.id).sort();
    const caseIds = cases.map((r) => r.id).sort();
    await trx
      .insertInto('customer_merges')
      .values({
        id,
        kept_id: keepId,
        merged_id: mergeId,
        staff_id: viewer.staffId,
        merged_at: now,
        contact_ids: JSON.stringify(contactIds),
        case_ids: JSON.stringify(caseIds),
        undone_at: null,
        undone_by: null,
      })
      .execute();
    await trx.updateTable('customers').set({ updated_at: now }).where('id', '=', keepId).execute();
    for (const customerId of [keepId, mergeId]) {
      await audit(trx, customerId, 'merge', viewer.staffId, now, {
        merge: id,
        kept: keepId,
        merged: mergeId,
        contacts: contactIds.length,
        cases: caseIds.length,
      });
    }
    return { ok: true, value: { mergeId: id, contacts: contactIds.length, cases: caseIds.length } };
  });
}

/** Reverses a merge: exactly the rows it moved go back, the merged record lives again. */
export async function undoCustomerMerge(
  db: Kysely<Database>,
  input: { mergeId: string; viewer: CustomerViewer; now: string },
): Promise<Outcome<CustomerUndoResult>> {
  const { mergeId, viewer, now } = input;
  return db.transaction().execute(async (trx) => {
    const merge = await trx
      .selectFrom('customer_merges')
      .selectAll()
      .where('id', '=', mergeId)
      .executeTakeFirst();
    if (!merge) return fail('not-found', 'No such merge.');
    const kept = await findVisible(trx, merge.kept_id, viewer);
    if (!kept) return fail('not-found', 'No such merge.');
    if (merge.undone_at) return fail('conflict', 'This merge was already undone.');
    if (kept.merged_into) {
      return fail('conflict', 'The kept record was merged again since: undo that merge first.');
    }
    if (kept.erased_at) return fail('conflict', 'The kept record was erased.');
    const restored = await trx
      .updateTable('customers')
      .set({ merged_into: null, updated_at: now })
      .where('id', '=', merge.merged_id)
      .where('merged_into', '=', merge.kept_id)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    if (Number(restored.numUpdatedRows) !== 1) {
      return fail('conflict', 'The merged record has changed since; it cannot be restored.');
    }
    // Only rows still on the kept record move back: one attached elsewhere since stays there.
    const moveBack = async (table: 'contacts' | 'cases', ids: string[]) => {
      let moved = 0;
      for (let i = 0; i < ids.length; i += 500) {
        const result = await trx
          .updateTable(table)
          .set({ customer_id: merge.merged_id })
          .where('id', 'in', ids.slice(i, i + 500))
          .where('customer_id', '=', merge.kept_id)
          .executeTakeFirst();
        moved += Number(result.numUpdatedRows);
      }
      return moved;
    };
    const contacts = await moveBack('contacts', JSON.parse(merge.contact_ids) as string[]);
    const cases = await moveBack('cases', JSON.parse(merge.case_ids) as string[]);
    await trx
      .updateTable('customer_merges')
      .set({ undone_at: now, undone_by: viewer.staffId })
      .where('id', '=', mergeId)
      .execute();
    for (const customerId of [merge.kept_id, merge.merged_id]) {
      await audit(trx, customerId, 'undo-merge', viewer.staffId, now, {
        merge: mergeId,
        contacts,
        cases,
      });
    }
    return {
      ok: true,
      value: { keptId: merge.kept_id, restoredId: merge.merged_id, contacts, cases },
    };
  });
}

/** "Not the same person": the pair is never proposed again. */
export async function rejectCustomerMatch(
  db: Kysely<Database>,
  input: { aId: string; bId: string; viewer: CustomerViewer; now: string },
): Promise<Outcome<null>> {
  const { aId, bId, viewer, now } = input;
  return withPair(db, aId, bId, viewer, async (trx) => {
    const [first, second] = aId < bId ? [aId, bId] : [bId, aId];
    await trx
      .insertInto('customer_match_rejections')
      .values({ first_id: first, second_id: second, staff_id: viewer.staffId, rejected_at: now })
      .onConflict((oc) => oc.columns(['first_id', 'second_id']).doNothing())
      .execute();
    for (const customerId of [first, second]) {
      await audit(trx, customerId, 'reject-match', viewer.staffId, now, {
        other: customerId === first ? second : first,
      });
    }
    return { ok: true, value: null };
  });
}

/** Everything held about the person, for a request to see it; the export itself is logged. */
export async function exportCustomer(
  db: Kysely<Database>,
  input: { id: string; viewer: CustomerViewer; now: string },
): Promise<Outcome<unknown>> {
  const { id, viewer, now } = input;
  const detail = await customerDetail(db, id, viewer);
  if (!detail) return fail('not-found', 'No such customer.');
  const places = await placesOf(db, viewer.partnerId);
  const caseRows = await db.selectFrom('cases').selectAll().where('customer_id', '=', id).execute();
  const events = await eventsOfCases(
    db,
    caseRows.map((c) => c.id),
  );
  const merged = await db
    .selectFrom('customers')
    .selectAll()
    .where('merged_into', '=', id)
    .execute();
  const history = await db
    .selectFrom('customer_audit')
    .select(['action', 'staff_id', 'at'])
    .where('customer_id', '=', id)
    .orderBy('at')
    .execute();
  await audit(db, id, 'export', viewer.staffId, now, { cases: caseRows.length });
  return {
    ok: true,
    value: {
      exportedAt: now,
      customer: detail.customer,
      consentedAt: (
        await db
          .selectFrom('customers')
          .select('consented_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).consented_at,
      mergedRecords: merged.map(toSummary),
      contacts: detail.contacts,
      cases: caseRows.map((row) =>
        caseIsTheirs(row, viewer, places)
          ? {
              ...toCaseRecord(row),
              events: events.get(row.id) ?? [],
            }
          : // Another partner's case: the citizen asks that partner for its details.
            detail.cases.find((c) => c.id === row.id),
      ),
      history: history.map((h) => ({ action: h.action, staffId: h.staff_id, at: h.at })),
    },
  };
}

/**
 * Erasure on request: the person's details go from the record, from every record merged into
 * it, from their cases (and from the change feed, so devices drop them at their next sync) and
 * from follow-up addresses. Contacts and cases stay, anonymous, for the figures.
 */
export async function eraseCustomer(
  db: Kysely<Database>,
  input: { id: string; viewer: CustomerViewer; now: string },
): Promise<Outcome<CustomerEraseResult>> {
  const { id, viewer, now } = input;
  return db.transaction().execute(async (trx) => {
    const row = await findVisible(trx, id, viewer);
    if (!row) return fail('not-found', 'No such customer.');
    if (row.merged_into) {
      return fail('conflict', 'This record was merged: erase the record it was merged into.');
    }
    if (row.erased_at) return fail('conflict', 'This record was already erased.');
    // The record and, transitively, every record merged into it.
    const ids = [id];
    for (let i = 0; i < ids.length; i++) {
      const children = await trx
        .selectFrom('customers')
        .select('id')
        .where('merged_into', '=', ids[i] ?? '')
        .execute();
      ids.push(...children.map((c) => c.id));
    }
    await trx
      .updateTable('customers')
      .set({
        name: null,
        name_key: null,
        date_of_birth: null,
        postcode: null,
        phone: null,
        email: null,
        erased_at: now,
        updated_at: now,
      })
      .where('id', 'in', ids)
      .execute();
    const cases = await trx
      .selectFrom('cases')
      .selectAll()
      .where('customer_id', 'in', ids)
      .where('contact', 'is not', null)
      .execute();
    for (const found of cases) {
      const scrubbed: CasesTable = { ...found, contact: null };
      await trx.updateTable('cases').set({ contact: null }).where('id', '=', found.id).execute();
      const data = JSON.stringify(toCaseRecord(scrubbed));
      // Older feed entries carried the contact details: rewrite them, then tell every device
      // that holds the case to replace it.
      await trx
        .updateTable('changes')
        .set({ data })
        .where('entity', '=', 'case')
        .where('entity_id', '=', found.id)
        .execute();
      const scopes = caseScopes(
        found.access_point_id,
        found.owner_partner_id,
        JSON.parse(found.dues) as CaseDue[],
      );
      await trx
        .insertInto('changes')
        .values(
          scopes.map((scope) => ({
            scope,
            entity: 'case',
            entity_id: found.id,
            op: 'upsert' as const,
            data,
            origin_device: null,
            created_at: now,
          })),
        )
        .execute();
    }
    await trx
      .updateTable('followups')
      .set({ address: null })
      .where(
        'contact_id',
        'in',
        trx.selectFrom('contacts').select('id').where('customer_id', 'in', ids),
      )
      .execute();
    await audit(trx, id, 'erase', viewer.staffId, now, {
      records: ids.length,
      cases: cases.length,
    });
    return { ok: true, value: { records: ids.length, cases: cases.length } };
  });
}
