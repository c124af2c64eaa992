// The citizen's tracking page, and commitments turning "at risk" then "breached" on schedule.
import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoPack } from '../../src/server/seed/pack/build-demo-pack.ts';
import { newId } from '../../src/shared/ids.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { newReference } from '../../src/shared/reference.ts';
import { PROTOCOL_VERSION, type Op } from '../../src/shared/sync/protocol.ts';
import { commitmentStatus, workingTimeBetween } from '../../src/shared/working-time.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

describe('tracking a case', () => {
  let hub: TestHub;
  afterEach(() => hub.close());

  async function openedCase() {
    hub = await startHub();
    const checked = validatePack(buildDemoPack());
    if (!checked.ok) throw new Error('invalid demo pack');
    await hub.storage.publishPack(checked.pack, { now: new Date().toISOString() });
    const tablet = await hub.enrol('mobile-library-2');
    const reference = newReference();
    const op: Op = {
      id: newId(),
      deviceId: tablet.deviceId,
      kind: 'case.open',
      clientTime: new Date().toISOString(),
      payload: {
        id: newId(),
        reference,
        type: 'complaint',
        serviceId: 'missed-bin-collection',
        channel: 'face-to-face',
        details: 'Flat 3, 12 Mill Lane: bin missed again, carer Ada Jones upset.',
        location: { address: '12 Mill Lane', postcode: 'NM8 2LP' },
        contact: {
          name: 'Ada Jones',
          phone: '07700 900123',
          email: 'ada@example.org',
          consent: true,
        },
        author: 'Sam Lee',
        openedAt: new Date().toISOString(),
      },
    };
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${tablet.token}` },
      payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, push: [op], cursor: null },
    });
    expect(res.json().results[0].status).toBe('applied');
    return reference;
  }

  const track = (path: string, ip = '203.0.113.7') =>
    hub.app.inject({ method: 'GET', url: path, remoteAddress: ip });

  it('shows status, promise and actions, and no personal data at all', async () => {
    const reference = await openedCase();
    const res = await track(`/track/${reference.toLowerCase().replace(/-/g, '')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(reference);
    expect(res.body).toContain('Status: <strong>Received</strong>');
    expect(res.body).toContain('Our promise');
    expect(res.body).toContain('We received your report');
    for (const secret of [
      'Ada',
      'Jones',
      '07700',
      'example.org',
      'Mill Lane',
      'Sam Lee',
      'Flat 3',
    ]) {
      expect(res.body, secret).not.toContain(secret);
    }
    expect(res.body).not.toMatch(/<script/i);
  });

  it('helps with a mistyped or unknown reference, and limits guessing', async () => {
    const reference = await openedCase();
    const wrongCheck = `${reference.slice(0, -1)}${reference.endsWith('2') ? '3' : '2'}`;
    const typo = await track(`/track/${wrongCheck}`);
    expect(typo.statusCode).toBe(400);
    expect(typo.body).toContain('is not a reference we give out');
    const unknown = await track(`/track/${newReference()}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('cannot find this case yet');
    const hostile = await track(`/track/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(hostile.body).not.toContain('<script>alert');
    let last = 0;
    for (let i = 0; i < 25; i++)
      last = (await track(`/track/${newReference()}`, '198.51.100.9')).statusCode;
    expect(last).toBe(429);
    expect((await track(`/track/${reference}`, '192.0.2.44')).statusCode).toBe(200);
  });

  it('turns a commitment "at risk" at 80 % of its working time and "breached" after it', async () => {
    const reference = await openedCase();
    const found = await hub.storage.findCaseByReference(reference);
    if (!found) throw new Error('case not stored');
    const received = new Date(found.record.receivedAt);
    for (const due of found.record.dues) {
      const deadline = new Date(due.due);
      const total = workingTimeBetween(received, deadline);
      // A controlled clock: walk forward through working time until 70 % and 90 % are used.
      const at = (share: number) => {
        let t = received.getTime();
        while (workingTimeBetween(received, new Date(t)) < total * share) t += 60_000;
        return new Date(t);
      };
      expect(commitmentStatus(received, deadline, at(0.7), false), due.stepId).toBe('on-track');
      expect(commitmentStatus(received, deadline, at(0.9), false), due.stepId).toBe('at-risk');
      expect(
        commitmentStatus(received, deadline, new Date(deadline.getTime() + 60_000), false),
      ).toBe('breached');
      expect(
        commitmentStatus(received, deadline, new Date(deadline.getTime() + 60_000), true),
      ).toBe('done');
    }
  });
});
