// The per-kind declaration (src/shared/sync/mutations.ts) holds at the hub for EVERY kind: what
// a kiosk may send, what an op naming nobody may do (the public: never more than any role), and
// what each role may do at its own place. Iterates over MUTATION_KINDS, so a new kind is covered
// without a new test. Run on SQLite and PostgreSQL (mutation-rules.*.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/features/staff/demo-staff.ts';
import type { Storage } from '../../src/server/storage.ts';
import { newId } from '../../src/shared/ids.ts';
import { newReference } from '../../src/shared/reference.ts';
import { can, type Role } from '../../src/shared/staff.ts';
import {
  MUTATION_KINDS,
  MUTATIONS,
  PUBLIC_ACTIONS,
  requiredAction,
  validateOp,
  type MutationKind,
} from '../../src/shared/sync/mutations.ts';
import { PROTOCOL_VERSION, type Op, type OpResult } from '../../src/shared/sync/protocol.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';
import { VALID_PAYLOADS } from '../helpers/valid-payloads.ts';

const now = () => new Date().toISOString();

/** One person per role, at one of their places (with the device mode used there). */
const PEOPLE: { role: Role; staffId: string; place: string }[] = [
  { role: 'franchisor-admin', staffId: 'alex-morgan', place: 'civic-centre' },
  { role: 'partner-manager', staffId: 'priya-shah', place: 'civic-centre' },
  { role: 'back-office', staffId: 'alun-davies', place: 'civic-centre' },
  { role: 'counter', staffId: 'tom-evans', place: 'central-library' },
  { role: 'volunteer', staffId: 'sam-lee', place: 'mobile-library-2' },
  { role: 'auditor', staffId: 'ruth-hale', place: 'central-library' },
];

export function describeMutationRules(
  name: string,
  makeStorage: () => Promise<{ storage?: Storage; drop?: () => Promise<void> }>,
): void {
  describe(`every mutation kind's rules at the hub: ${name}`, () => {
    let hub: TestHub;
    let drop: (() => Promise<void>) | undefined;
    const devices = new Map<string, { token: string; deviceId: string }>();
    const sessions = new Map<string, string>();
    let caseId = '';

    async function send(place: string, op: Op): Promise<OpResult> {
      const device = devices.get(place)!;
      const res = await hub.app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: {
          authorization: `Bearer ${device.token}`,
          ...(op.staffId && sessions.has(op.staffId)
            ? { 'x-staff-session': sessions.get(op.staffId)! }
            : {}),
        },
        payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, push: [op], cursor: null },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ results: OpResult[] }>().results[0]!;
    }

    function opOf(kind: MutationKind, place: string, staffId?: string): Op {
      const payload: Record<string, unknown> = VALID_PAYLOADS[kind]({ caseId, at: now() });
      // People complete their own training.
      if (kind === 'training.complete' && staffId) payload.staffId = staffId;
      if (kind === 'case.open') payload.reference = newReference();
      return {
        id: newId(),
        deviceId: devices.get(place)!.deviceId,
        ...(staffId ? { staffId } : {}),
        kind,
        clientTime: now(),
        payload,
      };
    }

    const actionOf = (op: Op) => {
      const checked = validateOp(op);
      if (!checked.ok) throw new Error(checked.reason);
      return requiredAction(checked.op);
    };
    /** Refused by the policy's rule under test (a handler may refuse for its own reasons). */
    const refusedFor = (result: OpResult, reason: RegExp) =>
      result.status === 'rejected' && result.code === 'forbidden' && reason.test(result.reason);
    const KIOSK_RULE = /kiosk/;
    const PUBLIC_RULE = /needs a signed-in member of staff/;
    const ROLE_RULE = /may not do this/;

    beforeAll(async () => {
      const made = await makeStorage();
      drop = made.drop;
      hub = await startHub(made.storage ? { storage: made.storage } : {});
      await hub.publishDemoPack();
      for (const place of ['civic-centre', 'central-library', 'mobile-library-2']) {
        devices.set(
          place,
          await hub.enrol(place, place === 'mobile-library-2' ? 'tablet' : 'counter'),
        );
      }
      devices.set('kiosk', await hub.enrol('civic-centre-kiosk', 'kiosk'));
      for (const person of PEOPLE) {
        const res = await hub.app.inject({
          method: 'POST',
          url: '/api/staff/sessions',
          headers: { authorization: `Bearer ${devices.get(person.place)!.token}` },
          payload: {
            staffId: person.staffId,
            pin: DEMO_STAFF.find((s) => s.id === person.staffId)!.pin,
          },
        });
        expect(res.statusCode, `${person.staffId}: ${res.body}`).toBe(201);
        sessions.set(person.staffId, res.json<{ token: string }>().token);
      }
      // A case at the civic centre for case.event to act on.
      const opened = opOf('case.open', 'civic-centre', 'alun-davies');
      expect(await send('civic-centre', opened)).toMatchObject({ status: 'applied' });
      caseId = (opened.payload as { id: string }).id;
    });
    afterAll(async () => {
      await hub?.close();
      await drop?.();
    });

    it.each(MUTATION_KINDS)(
      '%s from a kiosk: sent only if declared, never naming a person',
      async (kind) => {
        const result = await send('kiosk', opOf(kind, 'kiosk'));
        const allowed =
          MUTATIONS[kind].kiosk !== 'refused' &&
          PUBLIC_ACTIONS.includes(actionOf(opOf(kind, 'kiosk')));
        expect(
          refusedFor(result, allowed ? /./ : KIOSK_RULE) || refusedFor(result, PUBLIC_RULE),
          JSON.stringify(result),
        ).toBe(!allowed);
        if (allowed) expect(result.status).toBe('applied');
        // Nobody signs in at a kiosk: an op naming a person did not come from its public screen.
        expect(refusedFor(await send('kiosk', opOf(kind, 'kiosk', 'tom-evans')), KIOSK_RULE)).toBe(
          true,
        );
      },
    );

    it.each(MUTATION_KINDS)('%s naming nobody is judged as the public', async (kind) => {
      for (const place of ['central-library', 'mobile-library-2']) {
        const op = opOf(kind, place);
        const result = await send(place, op);
        expect(refusedFor(result, PUBLIC_RULE), `${place}: ${JSON.stringify(result)}`).toBe(
          !PUBLIC_ACTIONS.includes(actionOf(op)),
        );
      }
    });

    it.each(MUTATION_KINDS)(
      '%s is applied for exactly the roles allowed its action',
      async (kind) => {
        for (const person of PEOPLE) {
          const op = opOf(kind, person.place, person.staffId);
          const result = await send(person.place, op);
          expect(refusedFor(result, ROLE_RULE), `${person.role}: ${JSON.stringify(result)}`).toBe(
            !can(person.role, actionOf(op)),
          );
        }
      },
    );
  });
}
