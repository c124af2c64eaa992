// The citizen's tracking page, and commitments turning "at risk" then "breached" on schedule.
import { PACK_LANGUAGES } from '../../src/shared/pack/local-text.ts';
import { TRACK_TEXT } from '../../src/server/features/cases/track-text.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
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
    await hub.storage.core.publishPack(checked.pack, { now: new Date().toISOString() });
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

  it('speaks the citizen’s language: the browser’s, or the one picked on the page', async () => {
    const reference = await openedCase();
    const polish = await hub.app.inject({
      method: 'GET',
      url: `/track/${reference}`,
      headers: { 'accept-language': 'pl-PL,pl;q=0.9,en;q=0.5' },
      remoteAddress: '203.0.113.20',
    });
    expect(polish.headers['content-language']).toBe('pl');
    expect(polish.body).toContain('<html lang="pl" dir="ltr">');
    expect(polish.body).toContain('Stan: <strong>Przyjęta</strong>');
    expect(polish.body).toContain('Otrzymaliśmy zgłoszenie');
    // The service's own name comes from the pack, in Polish where the pack has it.
    expect(polish.body).not.toContain('Report a missed bin collection');

    const arabic = await track(`/track/${reference}?lang=ar`);
    expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.body).toContain('استلمنا بلاغك');
    // Every language is one link away, named in its own language.
    for (const name of ['English', 'Cymraeg', 'Polski', '简体中文', '繁體中文']) {
      expect(arabic.body).toContain(`>${name}</a>`);
    }
    const unknown = await track(`/track/${reference}?lang=xx`);
    expect(unknown.body).toContain('<html lang="en" dir="ltr">');
    // The lookup form keeps the language.
    const lookup = await track(`/track?ref=${reference}&lang=cy`);
    expect(lookup.statusCode).toBe(303);
    expect(lookup.headers.location).toBe(`/track/${reference}?lang=cy`);
    const welsh = await track(`/track/nonsense?lang=cy`);
    expect(welsh.body).toContain('Gwiriwch y cyfeirnod');
  });

  it('says which steps were done and which not, who owns the case and how to reach them, in British dates', async () => {
    const reference = await openedCase();
    const found = await hub.storage.cases.findCaseByReference(reference);
    const steps = found!.record.dues.filter((d) => d.stepId !== 'promise');
    expect(steps.length).toBeGreaterThan(1);
    const council = await hub.enrol('civic-centre');
    const event = (kind: string, stepId?: string): Op => ({
      id: newId(),
      deviceId: council.deviceId,
      staffId: 'alun-davies',
      kind: 'case.event',
      clientTime: new Date().toISOString(),
      payload: {
        id: newId(),
        caseId: found!.record.id,
        kind,
        ...(stepId ? { stepId } : {}),
        author: 'Alun',
        basedOn: null,
        createdAt: new Date().toISOString(),
      },
    });
    const [done, notDone] = steps;
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${council.token}` },
      payload: {
        type: 'sync',
        protocolVersion: PROTOCOL_VERSION,
        push: [
          event('step-completed', done!.stepId),
          ...steps.slice(1).map((d) => event('step-not-done', d.stepId)),
          event('resolved'),
        ],
        cursor: null,
      },
    });
    expect(res.json().results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
    const page = (await track(`/track/${reference}`, '203.0.113.30')).body;
    const pack = validatePack(buildDemoPack());
    if (!pack.ok) throw new Error('invalid demo pack');
    const commitment = pack.pack.commitments.find((c) => c.serviceId === 'missed-bin-collection');
    const title = (id: string) => commitment!.steps.find((s) => s.id === id)!.title.en;
    expect(page).toContain(`${title(done!.stepId)}: done.`);
    expect(page).toContain(`${title(notDone!.stepId)}: not done.`);
    expect(page).toContain(`Done: ${title(done!.stepId)}`);
    expect(page).toContain(`Not done: ${title(notDone!.stepId)}`);
    // The owning council, named, with its phone and website from the pack.
    const partner = pack.pack.partners.find((p) => p.id === found!.record.ownerPartnerId)!;
    expect(page).toContain(partner.name.en);
    expect(page).toContain(`href="tel:${partner.phone!.replace(/ /g, '')}"`);
    expect(page).toContain(partner.website!);
    // No QR code pointing at the page itself.
    expect(page).not.toMatch(/<img[^>]*qr/i);
    // British dates: "Sunday 6 December 2026 at 17:12", never "Dec 6" or "12/6/2026".
    expect(page).toMatch(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at \d{2}:\d{2}/,
    );
    expect(page).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/);
    expect(page).not.toMatch(/\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b/);
  });

  it('has every text of the page in every language', () => {
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
        : typeof value;
    const placeholders = (value: unknown): string[] =>
      typeof value === 'string'
        ? [...value.matchAll(/{(\w+)}/g)].map((m) => m[1]!).sort()
        : typeof value === 'object' && value
          ? Object.values(value).flatMap(placeholders)
          : [];
    for (const lang of PACK_LANGUAGES) {
      expect(shape(TRACK_TEXT[lang]), lang).toEqual(shape(TRACK_TEXT.en));
      expect(placeholders(TRACK_TEXT[lang]), lang).toEqual(placeholders(TRACK_TEXT.en));
    }
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
    const found = await hub.storage.cases.findCaseByReference(reference);
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
