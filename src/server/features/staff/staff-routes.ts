// Staff on the hub. A person signed in on an enrolled device gets a short-lived session here
// (their PIN checked again, rate-limited), which the online-only views need: every partner's
// cases for the franchisor, the team overview for managers, the training roster, and managing
// people and devices. Each route checks the role and the partner before it reads or writes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {
  CaseLookup,
  Revoked,
  RosterEntry,
  StaffCaseSummary,
  StaffSaved,
  StaffSessionResponse,
} from '../../../shared/api/staff.ts';
import { caseState, dueStatus, type CaseEvent, type CaseRecord } from '../../../shared/case.ts';
import { managesPerson } from '../../../shared/people.ts';
import { normaliseReference } from '../../../shared/reference.ts';
import { staffInput, staffSessionRequest } from '../../../shared/staff-schema.ts';
import { can, hashPin, STAFF_SESSION_MS, verifyPin, type Action } from '../../../shared/staff.ts';
import { deviceOr401 } from '../../platform/device-auth.ts';
import { sendError, validOr400 } from '../../platform/errors.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import { hashSecret, newDeviceToken } from '../../platform/tokens.ts';
import type { CaseStore } from '../cases/case-store.ts';
import type { StaffCallerStores } from './staff-store.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores & { readonly cases: CaseStore };

/** Staff and device ids are short printable ASCII; anything else (NUL breaks PostgreSQL) names no one. */
const ISSUED_ID = /^[\x21-\x7e]{1,100}$/;

export function staffRoutes(app: FastifyInstance, storage: Stores): void {
  // Wrong PINs are counted in the store, per person and place (devices keep their own count
  // for offline unlocking): every server process shares the count and a restart keeps it, and
  // wrong PINs typed at one place never lock the person out of another.
  // Each check costs a deliberately slow hash: one device may not ask more than this a minute,
  // whatever names it tries.
  const perDevice = new RateLimiter(20);

  const caller = (request: FastifyRequest, reply: FastifyReply, action: Action) =>
    staffCaller(storage, request, reply, action);

  app.post('/api/staff/sessions', async (request, reply) => {
    const device = await deviceOr401(storage, request, reply);
    if (!device) return reply;
    if (device.mode === 'kiosk') {
      return sendError(reply, 403, 'forbidden', 'Staff do not sign in on a public kiosk.');
    }
    const parsed = validOr400(
      reply,
      staffSessionRequest,
      request.body,
      'Send a staff id and a PIN.',
    );
    if (!parsed) return reply;
    // Counted only for well-formed requests: those are the ones that cost a slow hash.
    const verdict = perDevice.hit(device.id);
    if (!verdict.allowed) {
      return reply
        .code(429)
        .header('retry-after', String(verdict.retryAfterSeconds))
        .send({ type: 'error', code: 'rate-limited', message: 'Too many sign-ins: wait.' });
    }
    const { staffId, pin } = parsed;
    const now = Date.now();
    const place = device.accessPointId;
    const record = await storage.staff.findPinFailures(staffId, place);
    const until = record ? Date.parse(record.lockedUntil) : 0;
    if (until > now) {
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil((until - now) / 1000)))
        .send({ type: 'error', code: 'rate-limited', message: 'Too many wrong PINs: wait.' });
    }
    const person = await storage.staff.findStaff(staffId);
    const usable =
      person && !person.revokedAt && person.accessPointIds.includes(device.accessPointId);
    // The PIN is checked even for an unknown person, so timing does not tell who exists.
    const right = await verifyPin(pin, person?.pin ?? DUMMY_PIN);
    if (!usable || !right) {
      await storage.staff.countPinFailure({
        staffId,
        accessPointId: place,
        now: new Date().toISOString(),
      });
      return sendError(reply, 401, 'unauthorised', 'That name and PIN do not match here.');
    }
    if (record) await storage.staff.clearPinFailures(staffId, place);
    const token = newDeviceToken();
    const expiresAt = new Date(now + STAFF_SESSION_MS).toISOString();
    await storage.staff.createStaffSession({
      tokenHash: hashSecret(token),
      staffId,
      deviceId: device.id,
      now: new Date(now).toISOString(),
      expiresAt,
    });
    const body: StaffSessionResponse = {
      token,
      expiresAt,
      staff: { id: person.id, name: person.name, role: person.role, partnerId: person.partnerId },
    };
    return reply.code(201).send(body);
  });

  /** Cases, summarised without personal data: all for the franchisor, else the partner's. */
  app.get('/api/staff/cases', async (request, reply) => {
    const who = await caller(request, reply, 'queue.team');
    if (!who) return reply;
    const everyone = can(who.staff.role, 'partners.all');
    const histories = await storage.cases.listCaseHistories({ limit: 5000 });
    const now = new Date();
    const visible = histories.filter(
      ({ record }) =>
        everyone ||
        record.ownerPartnerId === who.staff.partnerId ||
        record.dues.some((d) => d.owner.split('/')[0] === who.staff.partnerId),
    );
    return visible.map(({ record, events }) => caseSummary(record, events, now));
  });

  /**
   * One case by its reference, for the counter's look-up when the device does not hold it:
   * the same summary as the overview (status, owner, due times), never personal data; any
   * signed-in staff may ask, as anyone with the reference may read /track.
   */
  app.get<{ Params: { reference: string } }>(
    '/api/staff/case-lookup/:reference',
    async (request, reply) => {
      const who = await caller(request, reply, 'serve');
      if (!who) return reply;
      const reference = normaliseReference(request.params.reference.slice(0, 40));
      const found = reference ? await storage.cases.findCaseByReference(reference) : null;
      const answer: CaseLookup = found
        ? { found: true, summary: caseSummary(found.record, found.events, new Date()) }
        : { found: false };
      return answer;
    },
  );

  /** Who works where, in what role, and which training they have completed. */
  app.get('/api/staff/roster', async (request, reply) => {
    const who = await caller(request, reply, 'training.roster');
    if (!who) return reply;
    const people = can(who.staff.role, 'partners.all')
      ? await storage.staff.listStaff()
      : await storage.staff.listStaff({ partnerId: who.staff.partnerId });
    const completions = await storage.staff.listTrainingCompletions({
      staffIds: people.map((p) => p.id),
    });
    return people
      .filter((p) => !p.revokedAt)
      .map((p): RosterEntry => ({
        id: p.id,
        name: p.name,
        role: p.role,
        partnerId: p.partnerId,
        accessPointIds: p.accessPointIds,
        completed: completions
          .filter((c) => c.staffId === p.id)
          .map((c) => ({ moduleId: c.moduleId, score: c.score, completedAt: c.completedAt })),
      }));
  });

  app.post('/api/staff', async (request, reply) => {
    const who = await caller(request, reply, 'staff.manage');
    if (!who) return reply;
    const input = validOr400(
      reply,
      staffInput,
      request.body,
      'The person’s details are not valid; nothing was changed.',
    );
    if (!input) return reply;
    const franchisor = can(who.staff.role, 'partners.all');
    const existing = await storage.staff.findStaff(input.id);
    if (!franchisor) {
      // A partner's manager looks after their own people only, in the partner's own roles,
      // before and after the change (no moving people in from, or out to, another partner).
      const theirs = managesPerson(who.staff, input);
      const stillTheirs = !existing || managesPerson(who.staff, existing);
      if (!theirs || !stillTheirs) {
        return sendError(reply, 403, 'forbidden', 'You may manage only your own partner’s staff.');
      }
    }
    const places = new Map(
      (await storage.core.listAccessPoints()).map((ap) => [ap.id, ap.partnerId]),
    );
    const unknown = input.accessPointIds.filter((ap) => !places.has(ap));
    if (unknown.length > 0) {
      return sendError(reply, 400, 'invalid-request', `No such place: ${unknown.join(', ')}.`);
    }
    // A place is what lets a person see its insight and audit scores and unlock its devices,
    // so a partner's person works at that partner's places only. The franchisor's own staff
    // (no partner: admins, auditors) may work at any place.
    const elsewhere =
      input.partnerId === null
        ? []
        : input.accessPointIds.filter((ap) => places.get(ap) !== input.partnerId);
    if (elsewhere.length > 0) {
      return franchisor
        ? sendError(
            reply,
            400,
            'invalid-request',
            `A partner’s staff work only at its own places; ${elsewhere.join(', ')} belongs to another partner. Nothing was changed.`,
          )
        : sendError(
            reply,
            403,
            'forbidden',
            `You may give your people only your own partner’s places; ${elsewhere.join(', ')} belongs to another partner. Nothing was changed.`,
          );
    }
    const { pin, ...member } = input;
    await storage.staff.upsertStaff(
      { ...member, pin: await hashPin(pin) },
      new Date().toISOString(),
      {
        audit: { actor: { id: who.staff.id, role: who.staff.role }, action: 'staff.save' },
      },
    );
    return reply.code(existing ? 200 : 201).send({ id: input.id } satisfies StaffSaved);
  });

  app.post(
    '/api/staff/:id/revoke',
    async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const who = await caller(request, reply, 'staff.manage');
      if (!who) return reply;
      const person = ISSUED_ID.test(request.params.id)
        ? await storage.staff.findStaff(request.params.id)
        : null;
      if (!person) return sendError(reply, 404, 'not-found', 'No such person.');
      if (!can(who.staff.role, 'partners.all') && !managesPerson(who.staff, person)) {
        return sendError(reply, 403, 'forbidden', 'You may manage only your own partner’s staff.');
      }
      await storage.staff.revokeStaff(person.id, new Date().toISOString(), {
        actor: { id: who.staff.id, role: who.staff.role },
        action: 'staff.revoke',
      });
      return { id: person.id, revoked: true } satisfies Revoked;
    },
  );
}

// Verified against when the person is unknown, so a wrong name costs the same time as a wrong PIN.
const DUMMY_PIN = {
  algorithm: 'PBKDF2-SHA256' as const,
  iterations: 210_000,
  salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
  hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
};

/** A case as staff overviews see it: no personal data, each due with how it stands. */
function caseSummary(record: CaseRecord, events: CaseEvent[], now: Date): StaffCaseSummary {
  const state = caseState(events);
  const received = new Date(record.receivedAt || record.openedAt);
  return {
    id: record.id,
    reference: record.reference,
    type: record.type,
    serviceId: record.serviceId,
    ownerPartnerId: record.ownerPartnerId,
    ownerTeamId: record.ownerTeamId,
    status: state.status,
    escalated: state.escalation !== null,
    openedAt: record.openedAt,
    dues: record.dues.map((d) => ({
      stepId: d.stepId,
      owner: d.owner,
      due: d.due,
      status: dueStatus(state, d, received, now),
    })),
  };
}
