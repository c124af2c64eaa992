// The studio's people: the franchisor manages everyone, a partner's manager their own partner's
// people (never the franchisor's roles, never another partner's places). Invite, edit name,
// role and teams, move between places, reset a PIN; revoking is POST /api/staff/:id/revoke
// (staff-routes.ts). Every change goes through upsertStaff, which sends the record to the
// person's devices through the feed (no verifier for a privileged person, nothing to a kiosk)
// and writes the admin log in the same transaction. A secret the hub makes is in the one
// answer that made it and nowhere else.
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type {
  AssignablePlace,
  PeopleList,
  PersonEntry,
  PersonSaved,
} from '../../../shared/api/people.ts';
import type { Partner } from '../../../shared/pack/schema.ts';
import {
  editInput,
  inviteInput,
  moveInput,
  resetPinInput,
  weakSecret,
} from '../../../shared/people-schema.ts';
import { FRANCHISOR_ROLES, managesPerson, type PeopleRefusal } from '../../../shared/people.ts';
import {
  can,
  hashPin,
  isPrivileged,
  type PinHash,
  type Role,
  type StaffMember,
} from '../../../shared/staff.ts';
import { describeIssues } from '../../../shared/sync/protocol.ts';
import { sendError, validOr400 } from '../../platform/errors.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import { currentPackRecord } from '../../platform/store/pack-rows.ts';
import type { SaveOutcome, StaffAudit } from './staff-queries.ts';
import { logCopy, profileOf, type StaffRecord } from './staff-rows.ts';
import type { StaffCallerStores } from './staff-store.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores;

/** Staff ids are short printable ASCII; anything else (NUL breaks PostgreSQL) names no one. */
const ISSUED_ID = /^[\x21-\x7e]{1,100}$/;

type Params = { Params: { id: string } };

/**
 * A secret the hub makes: eight digits for a PIN (its hash goes to devices, so longer than the
 * six-digit minimum), twelve for a privileged person (PRIVILEGED_SECRET_PATTERN).
 */
export function newSecret(role: Role): string {
  const length = isPrivileged(role) ? 12 : 8;
  let digits = String(randomInt(1, 10));
  while (digits.length < length) digits += String(randomInt(0, 10));
  return digits;
}

/** Sends a refusal whose first issue names why (PEOPLE_REFUSALS), so a screen can say it. */
function refuse(
  reply: FastifyReply,
  status: 400 | 403 | 404 | 409,
  reason: PeopleRefusal,
  message: string,
  detail = '',
): FastifyReply {
  const code = status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'invalid-request';
  return sendError(reply, status, code, message, [`${reason}: ${detail}`]);
}

const NOT_VALID = 'The person’s details are not valid; nothing was changed.';

/** What in the details does not fit; a weak secret first as a refusal (PEOPLE_REFUSALS). */
function issuesOf(error: z.ZodError): string[] {
  const issues = describeIssues(error);
  const weak = issues.find((i) => i.startsWith('pin:'));
  return weak ? [`weak-secret: ${weak}`, ...issues] : issues;
}

/** Refuses a role only the franchisor gives (FRANCHISOR_ROLES). */
function refuseRole(reply: FastifyReply, role: Role): FastifyReply {
  return refuse(reply, 403, 'role-not-yours', `Only the franchisor makes a ${role}.`, role);
}

/** The person as the studio shows them (as the admin log keeps them), with their training. */
function entryOf(person: StaffRecord, completions: PersonEntry['completed'] = []): PersonEntry {
  return {
    ...logCopy(person),
    completed: completions.map((c) => ({
      moduleId: c.moduleId,
      score: c.score,
      completedAt: c.completedAt,
    })),
  };
}

/** A person's record as it is stored and sent: nothing else of the hub's copy goes along. */
function memberOf(person: StaffRecord): StaffMember & { pin: PinHash } {
  return { ...profileOf(person), pin: person.pin };
}

export function peopleRoutes(app: FastifyInstance, storage: Stores): void {
  const caller = async (request: FastifyRequest, reply: FastifyReply) => {
    const who = await staffCaller(storage, request, reply, 'staff.manage');
    if (!who) return null;
    return { ...who, franchisor: can(who.staff.role, 'partners.all') };
  };
  type Caller = NonNullable<Awaited<ReturnType<typeof caller>>>;
  const auditOf = (who: Caller, action: StaffAudit['action']): StaffAudit => ({
    actor: { id: who.staff.id, role: who.staff.role },
    action,
  });

  /** The person the route names, if this caller looks after them; else the refusal is sent. */
  async function target(who: Caller, id: string, reply: FastifyReply) {
    const person = ISSUED_ID.test(id) ? await storage.staff.findStaff(id) : null;
    if (!person) {
      refuse(reply, 404, 'not-yours', 'No such person.', id.slice(0, 100));
      return null;
    }
    if (!who.franchisor && !managesPerson(who.staff, person)) {
      refuse(reply, 403, 'not-yours', 'You may manage only your own partner’s staff.', id);
      return null;
    }
    return person;
  }

  /** The caller and the person the route names, or null once the refusal is sent. */
  async function callerAndPerson(request: FastifyRequest<Params>, reply: FastifyReply) {
    const who = await caller(request, reply);
    const person = who && (await target(who, request.params.id, reply));
    return who && person ? { who, person } : null;
  }

  /** Places a partner's person may be given: unknown ones, and another partner's, refused. */
  async function placesRefused(
    who: Caller,
    partnerId: string | null,
    ids: readonly string[],
    reply: FastifyReply,
  ): Promise<boolean> {
    const places = new Map(
      (await storage.core.listAccessPoints()).map((ap) => [ap.id, ap.partnerId]),
    );
    const unknown = ids.filter((ap) => !places.has(ap));
    if (unknown.length > 0) {
      refuse(reply, 400, 'unknown-place', `No such place: ${unknown.join(', ')}.`, unknown[0]);
      return true;
    }
    // The franchisor's own staff (no partner) may work anywhere; a partner's at its places.
    const elsewhere = partnerId === null ? [] : ids.filter((ap) => places.get(ap) !== partnerId);
    if (elsewhere.length > 0) {
      refuse(
        reply,
        who.franchisor ? 400 : 403,
        'other-partners-place',
        `A partner’s staff work only at its own places; ${elsewhere.join(', ')} belongs to another partner. Nothing was changed.`,
        elsewhere[0],
      );
      return true;
    }
    return false;
  }

  /** Teams must be the partner's own, where the published pack names them. */
  async function teamsRefused(
    partnerId: string | null,
    teamIds: readonly string[],
    reply: FastifyReply,
  ): Promise<boolean> {
    if (teamIds.length === 0) return false;
    const partner =
      partnerId === null
        ? null
        : await currentPackRecord<Partner>(storage.core.db, 'partners', partnerId);
    const known = new Set(partner?.teams.map((t) => t.id) ?? []);
    const unknown = teamIds.filter((t) => !known.has(t));
    if (unknown.length === 0) return false;
    refuse(reply, 400, 'unknown-team', `No such team here: ${unknown.join(', ')}.`, unknown[0]);
    return true;
  }

  /** The answer to a save that did not happen, or null when it did. */
  function unsaved(outcome: SaveOutcome, id: string, reply: FastifyReply): FastifyReply | null {
    if (outcome === 'saved') return null;
    if (outcome === 'exists') {
      return refuse(
        reply,
        409,
        'duplicate-id',
        `The id ${id} is taken (by someone working now or before); choose another.`,
        id,
      );
    }
    if (outcome === 'revoked') {
      return refuse(reply, 409, 'revoked', `${id}’s access was withdrawn.`, id);
    }
    return refuse(reply, 404, 'not-yours', 'No such person.', id);
  }

  /** The people this person looks after (the franchisor: everyone, or one partner's). */
  app.get<{ Querystring: { partner?: string } }>('/api/staff/people', async (request, reply) => {
    const who = await caller(request, reply);
    if (!who) return reply;
    const asked = request.query.partner;
    if (asked !== undefined && !ISSUED_ID.test(asked)) {
      return sendError(reply, 400, 'invalid-request', '“partner” is a partner’s id.');
    }
    if (
      !who.franchisor &&
      (who.staff.partnerId === null || (asked && asked !== who.staff.partnerId))
    ) {
      return refuse(reply, 403, 'not-yours', 'You may see only your own partner’s staff.', asked);
    }
    const partnerId = who.franchisor ? asked : (who.staff.partnerId ?? undefined);
    const everyone = await storage.staff.listStaff(partnerId === undefined ? {} : { partnerId });
    const people = who.franchisor ? everyone : everyone.filter((p) => managesPerson(who.staff, p));
    const completions = await storage.staff.listTrainingCompletions({
      staffIds: people.map((p) => p.id),
    });
    const places: AssignablePlace[] = (await storage.core.listAccessPoints())
      .filter((ap) => who.franchisor || ap.partnerId === who.staff.partnerId)
      .map((ap) => ({ id: ap.id, name: ap.name, partnerId: ap.partnerId }));
    const body: PeopleList = {
      people: people.map((p) =>
        entryOf(
          p,
          completions.filter((c) => c.staffId === p.id),
        ),
      ),
      places,
    };
    return body;
  });

  /** One person, with their training. */
  app.get<Params>('/api/staff/people/:id', async (request, reply) => {
    const asked = await callerAndPerson(request, reply);
    if (!asked) return reply;
    const { person } = asked;
    return entryOf(person, await storage.staff.listTrainingCompletions({ staffIds: [person.id] }));
  });

  /** Invites a new person: their secret is the one given, or one the hub makes and shows once. */
  app.post('/api/staff/people', async (request, reply) => {
    const who = await caller(request, reply);
    if (!who) return reply;
    const input = validOr400(reply, inviteInput, request.body, NOT_VALID, issuesOf);
    if (!input) return reply;
    if (!who.franchisor) {
      if (FRANCHISOR_ROLES.includes(input.role)) {
        return refuseRole(reply, input.role);
      }
      if (who.staff.partnerId === null || input.partnerId !== who.staff.partnerId) {
        return refuse(
          reply,
          403,
          'not-yours',
          'You may add people to your own partner only.',
          input.partnerId ?? '',
        );
      }
    }
    if (await placesRefused(who, input.partnerId, input.accessPointIds, reply)) return reply;
    if (await teamsRefused(input.partnerId, input.teamIds, reply)) return reply;
    const { pin, ...member } = input;
    const secret = pin ?? newSecret(input.role);
    const now = new Date().toISOString();
    const saved = { ...member, pin: await hashPin(secret) };
    const outcome = await storage.staff.upsertStaff(saved, now, {
      expect: 'new',
      audit: auditOf(who, 'staff.invite'),
    });
    if (unsaved(outcome, input.id, reply)) return reply;
    const body: PersonSaved = {
      person: entryOf({ ...saved, revokedAt: null }),
      ...(pin === undefined ? { secret } : {}),
    };
    return reply.code(201).send(body);
  });

  /** Name, role and teams. A change between a PIN and a privileged secret issues a new one. */
  app.post<Params>('/api/staff/:id/edit', async (request, reply) => {
    const asked = await callerAndPerson(request, reply);
    if (!asked) return reply;
    const { who, person } = asked;
    const input = validOr400(reply, editInput, request.body, NOT_VALID, issuesOf);
    if (!input) return reply;
    if (!who.franchisor && FRANCHISOR_ROLES.includes(input.role)) {
      return refuseRole(reply, input.role);
    }
    if (person.id === who.staff.id && input.role !== person.role) {
      return refuse(reply, 400, 'yourself', 'Nobody changes their own role.', person.id);
    }
    if (await teamsRefused(person.partnerId, input.teamIds, reply)) return reply;
    // A PIN does not unlock a privileged role, nor a passphrase a device's keypad: a change
    // across that line needs a new secret.
    const crossing = isPrivileged(input.role) !== isPrivileged(person.role);
    const secret = input.pin ?? (crossing ? newSecret(input.role) : undefined);
    const weak = secret === undefined ? null : weakSecret(input.role, secret);
    if (weak) return refuse(reply, 400, 'weak-secret', `The new secret: ${weak}.`, weak);
    const saved = {
      ...memberOf(person),
      name: input.name,
      role: input.role,
      teamIds: input.teamIds,
      pin: secret === undefined ? person.pin : await hashPin(secret),
    };
    const outcome = await storage.staff.upsertStaff(saved, new Date().toISOString(), {
      expect: 'existing',
      audit: auditOf(who, 'staff.edit'),
      newSecret: secret !== undefined,
    });
    if (unsaved(outcome, person.id, reply)) return reply;
    const body: PersonSaved = {
      person: entryOf({ ...saved, revokedAt: null }),
      ...(secret !== undefined && input.pin === undefined ? { secret } : {}),
    };
    return body;
  });

  /** The places they work at; the franchisor may move them to another partner as well. */
  app.post<Params>('/api/staff/:id/move', async (request, reply) => {
    const asked = await callerAndPerson(request, reply);
    if (!asked) return reply;
    const { who, person } = asked;
    const input = validOr400(reply, moveInput, request.body, NOT_VALID, issuesOf);
    if (!input) return reply;
    const partnerId = input.partnerId === undefined ? person.partnerId : input.partnerId;
    if (!who.franchisor && partnerId !== person.partnerId) {
      return refuse(
        reply,
        403,
        'not-yours',
        'Only the franchisor moves people to another partner.',
        partnerId ?? '',
      );
    }
    if (await placesRefused(who, partnerId, input.accessPointIds, reply)) return reply;
    const saved = {
      ...memberOf(person),
      partnerId,
      accessPointIds: input.accessPointIds,
      // Teams belong to a partner: a person who changes partner starts with none.
      teamIds: partnerId === person.partnerId ? person.teamIds : [],
    };
    const outcome = await storage.staff.upsertStaff(saved, new Date().toISOString(), {
      expect: 'existing',
      audit: auditOf(who, 'staff.move'),
    });
    if (unsaved(outcome, person.id, reply)) return reply;
    return { person: entryOf({ ...saved, revokedAt: null }) } satisfies PersonSaved;
  });

  /**
   * A new PIN (or a privileged person's secret): given, or made by the hub and shown once.
   * Their hub sessions end; devices receive the new hash through the feed (a privileged
   * person's never: they sign in through the hub).
   */
  app.post<Params>('/api/staff/:id/reset-pin', async (request, reply) => {
    const asked = await callerAndPerson(request, reply);
    if (!asked) return reply;
    const { who, person } = asked;
    const input = validOr400(reply, resetPinInput, request.body ?? {}, NOT_VALID, issuesOf);
    if (!input) return reply;
    const given = input.pin;
    const secret = given ?? newSecret(person.role);
    const weak = weakSecret(person.role, secret);
    if (weak) return refuse(reply, 400, 'weak-secret', `The new secret: ${weak}.`, weak);
    const saved = { ...memberOf(person), pin: await hashPin(secret) };
    const outcome = await storage.staff.upsertStaff(saved, new Date().toISOString(), {
      expect: 'existing',
      audit: auditOf(who, 'staff.reset-pin'),
      newSecret: true,
    });
    if (unsaved(outcome, person.id, reply)) return reply;
    const body: PersonSaved = {
      person: entryOf({ ...saved, revokedAt: null }),
      ...(given === undefined ? { secret } : {}),
    };
    return body;
  });
}
