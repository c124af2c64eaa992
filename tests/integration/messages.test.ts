// Real messages to citizens, on SQLite and PostgreSQL: the 48-hour survey and "your case is
// resolved" (with the consent given for the case's contact details), each in the citizen's
// language, sent by the provider the configuration chooses — a real SMTP server started here,
// and a stand-in of GOV.UK Notify's API checking its tokens — each exactly once across repeated
// runs, a restart and a provider's failure; and the demo's file forgetting what it wrote.
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_RESOLVED_TEXT } from '../../src/server/features/feedback/case-notice-text.ts';
import { runCaseNotices } from '../../src/server/features/feedback/case-notices.ts';
import { runFollowups } from '../../src/server/features/feedback/followup-job.ts';
import { FOLLOWUP_TEXT } from '../../src/server/features/feedback/followup-text.ts';
import { senderFromEnv } from '../../src/server/features/feedback/message-config.ts';
import {
  NOTIFY_REQUESTS_PER_MINUTE,
  NotifySender,
  OutboxFileSender,
  type MessageSender,
  type OutboundMessage,
} from '../../src/server/features/feedback/message-sender.ts';
import { RequestWindow } from '../../src/server/features/feedback/request-window.ts';
import { newId } from '../../src/shared/ids.ts';
import { newReference } from '../../src/shared/reference.ts';
import { PROTOCOL_VERSION, type EnrolResponse, type Op } from '../../src/shared/sync/protocol.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';
import {
  startNotifyStandIn,
  startSmtpServer,
  type TestNotify,
  type TestSmtp,
} from '../helpers/message-servers.ts';

const now = () => new Date().toISOString();
const PUBLIC_URL = 'https://anydoor.example.org';

describe.each(['sqlite', 'postgres'] as const)('messages to citizens on %s', (dialect) => {
  let hub: TestHub;
  let smtp: TestSmtp;
  let notify: TestNotify;
  let tablet: EnrolResponse;
  let council: EnrolResponse;
  let dir: string;

  beforeAll(async () => {
    hub = await startHubOn(dialect);
    await hub.publishDemoPack();
    smtp = await startSmtpServer();
    notify = await startNotifyStandIn();
    tablet = await hub.enrol('central-library');
    council = await hub.enrol('civic-centre'); // Northam District Council's own office
    dir = mkdtempSync(join(tmpdir(), 'anydoor-messages-'));
  });
  afterAll(async () => {
    await hub?.close();
    await smtp?.close();
    await notify?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function push(device: EnrolResponse, ops: Op[]) {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, push: ops, cursor: null },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const results = res.json<{ results: { status: string; reason?: string }[] }>().results;
    expect(
      results.map((r) => r.status),
      JSON.stringify(results),
    ).toEqual(ops.map(() => 'applied'));
  }

  /** A citizen's yes to the survey, at the library counter; the follow-up's id. */
  async function consent(addressKind: 'email' | 'sms', address: string, language: string) {
    const id = newId();
    await push(tablet, [
      {
        id: newId(),
        deviceId: tablet.deviceId,
        kind: 'followup.consent',
        clientTime: now(),
        payload: {
          id,
          serviceId: 'blue-badge',
          channel: 'face-to-face',
          addressKind,
          address,
          language,
          consent: true,
          createdAt: now(),
        },
      },
    ]);
    return id;
  }

  /** A missed-bin case with consented contact details, then (optionally) resolved at the council. */
  async function caseFor(contact: Record<string, unknown>, resolve = true) {
    const caseId = newId();
    const reference = newReference();
    await push(tablet, [
      {
        id: newId(),
        deviceId: tablet.deviceId,
        kind: 'case.open',
        clientTime: now(),
        payload: {
          id: caseId,
          reference,
          type: 'complaint',
          serviceId: 'missed-bin-collection',
          channel: 'face-to-face',
          details: 'Green bin missed again.',
          location: { postcode: 'NM3 4CD' },
          contact: { consent: true, ...contact },
          author: 'Sam (volunteer)',
          openedAt: now(),
        },
      },
    ]);
    const events: string[] = [];
    const event = async (kind: string) => {
      const id = newId();
      events.push(id);
      await push(council, [
        {
          id: newId(),
          deviceId: council.deviceId,
          staffId: 'alun-davies',
          kind: 'case.event',
          clientTime: now(),
          payload: { id, caseId, kind, author: 'Alun', basedOn: null, createdAt: now() },
        },
      ]);
      return id;
    };
    if (resolve) await event('resolved');
    return { caseId, reference, events, event };
  }

  /** Both jobs, as one pass of the hub's timer does. */
  const runBoth = async (sender: MessageSender) => ({
    surveys: await runFollowups({ storage: hub.storage, sender, publicUrl: PUBLIC_URL }),
    resolved: await runCaseNotices({ storage: hub.storage, sender, publicUrl: PUBLIC_URL }),
  });

  it('sends a survey and a resolution by SMTP, in the citizen’s language, once each', async () => {
    const survey = await consent('email', 'gwen@example.org', 'cy');
    const resolvedCase = await caseFor({ name: 'Ola', email: 'ola@example.org', language: 'pl' });
    const sender = senderFromEnv(
      { SMTP_URL: smtp.url, MAIL_FROM: 'Northshire AnyDoor <noreply@northshire.example.gov.uk>' },
      join(dir, 'outbox-smtp'),
    );
    expect(sender.description).toContain('SMTP at 127.0.0.1');
    const first = await runBoth(sender);
    expect(first.surveys.sent).toBe(1);
    expect(first.resolved.sent).toBe(1);
    // Again, and after a "restart" (a new sender, the same database): nothing more.
    expect(await runBoth(sender)).toMatchObject({ surveys: { sent: 0 }, resolved: { sent: 0 } });
    await sender.close();
    const restarted = senderFromEnv(
      { SMTP_URL: smtp.url, MAIL_FROM: 'noreply@northshire.example.gov.uk' },
      join(dir, 'outbox-smtp'),
    );
    expect(await runBoth(restarted)).toMatchObject({ surveys: { sent: 0 }, resolved: { sent: 0 } });
    await restarted.close();

    await smtp.waitFor(2);
    const to = (address: string) =>
      smtp.messages.filter((m) => JSON.stringify(m.to).includes(address));
    const [surveyMail, ...moreSurveys] = to('gwen@example.org');
    const [resolvedMail, ...moreResolved] = to('ola@example.org');
    expect(moreSurveys).toEqual([]);
    expect(moreResolved).toEqual([]);
    // The survey, in Welsh, with its link; the From address as configured.
    expect(surveyMail?.subject).toBe(FOLLOWUP_TEXT.cy.emailSubject);
    expect(surveyMail?.text).toMatch(/https:\/\/anydoor\.example\.org\/survey\/[\w-]{43}/);
    expect(surveyMail?.from?.text).toContain('noreply@northshire.example.gov.uk');
    expect(surveyMail?.messageId).toBe(`<survey.${survey}@northshire.example.gov.uk>`);
    // The resolution, in Polish, with the case's tracking link and the service's name.
    const reference = resolvedCase.reference;
    expect(resolvedMail?.subject).toBe(
      CASE_RESOLVED_TEXT.pl.emailSubject.replace('{reference}', reference),
    );
    expect(resolvedMail?.text).toContain(`${PUBLIC_URL}/track/${reference}`);
    expect(resolvedMail?.text).toContain('Twoja sprawa dotycząca');
    expect(resolvedMail?.messageId).toBe(
      `<case-resolved.${resolvedCase.events[0]}@northshire.example.gov.uk>`,
    );
    // The survey's address is forgotten once sent; the notice keeps no address at all.
    const followup = (await hub.storage.feedback.listFollowups()).find((f) => f.id === survey);
    expect(followup?.address).toBeNull();
    const notices = await hub.storage.feedback.listCaseNotices();
    expect(notices.find((n) => n.case_id === resolvedCase.caseId)).toMatchObject({
      channel: 'email',
      sent_at: expect.any(String),
    });
    expect(JSON.stringify(notices)).not.toContain('ola@example.org');
  });

  it('sends through GOV.UK Notify (a stand-in of its API), once each, retrying a failure', async () => {
    const survey = await consent('sms', '07700 900456', 'ar');
    const resolvedCase = await caseFor({ email: 'li@example.org', language: 'zh-Hant' });
    const env = {
      NOTIFY_API_KEY: notify.apiKey,
      NOTIFY_BASE_URL: notify.url,
      NOTIFY_EMAIL_TEMPLATE_ID: 'e0000000-0000-4000-8000-000000000001',
      NOTIFY_SMS_TEMPLATE_ID: 'e0000000-0000-4000-8000-000000000002',
    };
    const sender = senderFromEnv(env, join(dir, 'outbox-notify'));
    expect(sender.description).toBe('GOV.UK Notify (email and text messages)');
    // Notify has a bad moment: both sends fail, nothing is lost, nothing is marked sent.
    notify.failNext(2);
    const failed = await runBoth(sender);
    expect(failed.surveys.failed + failed.resolved.failed).toBe(2);
    expect(notify.accepted).toHaveLength(0);
    // The next runs (and a restarted hub's) send each once.
    await runBoth(sender);
    await runBoth(sender);
    await runBoth(senderFromEnv(env, join(dir, 'outbox-notify')));
    expect(notify.refused).toBe(0);
    const sms = notify.accepted.filter((r) => r.path === '/v2/notifications/sms');
    const email = notify.accepted.filter((r) => r.path === '/v2/notifications/email');
    expect(sms).toHaveLength(1);
    expect(email).toHaveLength(1);
    expect(sms[0]?.body).toMatchObject({
      template_id: env.NOTIFY_SMS_TEMPLATE_ID,
      phone_number: '+447700900456',
      reference: `survey.${survey}`,
    });
    expect(sms[0]?.body.personalisation.body).toContain('AnyDoor');
    expect(sms[0]?.body.personalisation.body).toMatch(/\/survey\/[\w-]{43}/);
    expect(email[0]?.body).toMatchObject({
      template_id: env.NOTIFY_EMAIL_TEMPLATE_ID,
      email_address: 'li@example.org',
      reference: `case-resolved.${resolvedCase.events[0]}`,
      personalisation: {
        subject: CASE_RESOLVED_TEXT['zh-Hant'].emailSubject.replace(
          '{reference}',
          resolvedCase.reference,
        ),
      },
    });
    expect(email[0]?.body.personalisation.body).toContain(`/track/${resolvedCase.reference}`);
  });

  it('tells no one of a resolution undone before it went, or with no address to write to', async () => {
    const messages: OutboundMessage[] = [];
    const recording: MessageSender = {
      async send(message) {
        messages.push(message);
      },
    };
    // Resolved, then reopened before the job ran: not told. Resolved again: told, once.
    const reopened = await caseFor({ email: 'rhys@example.org' });
    await reopened.event('reopened');
    // A landline given for calls: nothing to write to.
    await caseFor({ name: 'Bob', phone: '01604 123456' });
    // Contact details but not resolved yet: nothing.
    await caseFor({ email: 'waiting@example.org' }, false);
    const run = await runCaseNotices({
      storage: hub.storage,
      sender: recording,
      publicUrl: PUBLIC_URL,
    });
    expect(run).toMatchObject({ sent: 0, unreachable: 1 });
    const again = await reopened.event('resolved');
    await runCaseNotices({ storage: hub.storage, sender: recording, publicUrl: PUBLIC_URL });
    await runCaseNotices({ storage: hub.storage, sender: recording, publicUrl: PUBLIC_URL });
    expect(messages.map((m) => [m.to, m.reference, m.language])).toEqual([
      ['rhys@example.org', again, 'en'],
    ]);
    expect(messages[0]?.subject).toBe(
      CASE_RESOLVED_TEXT.en.emailSubject.replace('{reference}', reopened.reference),
    );
  });

  it('sends a mobile number a text of the resolution, by the file when no provider is set', async () => {
    const resolvedCase = await caseFor({ phone: '07700 900789', language: 'cy' });
    const sender = senderFromEnv({}, join(dir, 'outbox-file'));
    expect(sender.description).toContain('messages.jsonl');
    await runCaseNotices({ storage: hub.storage, sender, publicUrl: PUBLIC_URL });
    const file = join(dir, 'outbox-file', 'messages.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const mine = lines
      .map((line) => JSON.parse(line) as OutboundMessage)
      .filter((m) => m.reference === resolvedCase.events[0]);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ channel: 'sms', to: '+447700900789', language: 'cy' });
    expect(mine[0]?.body).toContain(resolvedCase.reference);
  });
});

describe('the demo’s outbox file', () => {
  it('forgets each message, address and link, once it has been kept its time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-outbox-'));
    try {
      const sender = new OutboxFileSender(dir, { keepMs: 60_000 });
      const message = (to: string): OutboundMessage => ({
        kind: 'survey',
        reference: newId(),
        channel: 'email',
        to,
        language: 'en',
        subject: 'How was your visit?',
        body: 'Two questions: https://hub/survey/secret-token',
        link: 'https://hub/survey/secret-token',
      });
      await sender.send(message('old@example.org'));
      await sender.send(message('new@example.org'));
      // Backdate the first line by two minutes, as if written then.
      const [old = '', fresh = ''] = readFileSync(sender.file, 'utf8').trim().split('\n');
      const backdated = {
        ...JSON.parse(old),
        writtenAt: new Date(Date.now() - 120_000).toISOString(),
      };
      writeFileSync(sender.file, `${JSON.stringify(backdated)}\n${fresh}\n`);
      await sender.tidy(new Date());
      const left = readFileSync(sender.file, 'utf8');
      expect(left).not.toContain('old@example.org');
      expect(left).toContain('new@example.org');
      await sender.tidy(new Date(Date.now() + 61_000));
      expect(readFileSync(sender.file, 'utf8')).toBe('');
      expect(existsSync(sender.file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GOV.UK Notify’s rate limit', () => {
  it('is 3,000 requests a minute per key, never configured above it', () => {
    expect(NOTIFY_REQUESTS_PER_MINUTE).toBe(3000);
    const sender = senderFromEnv(
      {
        NOTIFY_API_KEY: `k-${'0'.repeat(8)}-0000-4000-8000-000000000000-${'0'.repeat(8)}-0000-4000-8000-000000000000`,
        NOTIFY_SMS_TEMPLATE_ID: 't',
        NOTIFY_REQUESTS_PER_MINUTE: '10000',
      },
      tmpdir(),
    );
    expect(sender.description).toBe(
      `email: the file ${join(tmpdir(), 'messages.jsonl')} (each kept 24 hours); text messages: GOV.UK Notify (text messages)`,
    );
  });

  it('spaces a burst so no minute holds more requests than the limit', async () => {
    let clock = 0;
    const waits: number[] = [];
    const window = new RequestWindow({
      limit: 3,
      windowMs: 60_000,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    const starts: number[] = [];
    for (let i = 0; i < 7; i++) {
      await window.take();
      starts.push(clock);
      clock += 1000; // each request takes a second
    }
    expect(starts).toEqual([0, 1000, 2000, 60_000, 61_000, 62_000, 120_000]);
    // Any 60 s holds at most 3 starts.
    for (const start of starts) {
      expect(starts.filter((s) => s >= start && s < start + 60_000).length).toBeLessThanOrEqual(3);
    }
    expect(waits.length).toBeGreaterThan(0);
  });

  it('is applied to every request the Notify sender makes', async () => {
    const notify = await startNotifyStandIn();
    try {
      let clock = 0;
      const waits: number[] = [];
      const sender = new NotifySender({
        apiKey: notify.apiKey,
        baseUrl: notify.url,
        smsTemplateId: 'sms-template',
        window: new RequestWindow({
          limit: 2,
          windowMs: 60_000,
          now: () => clock,
          sleep: async (ms) => {
            waits.push(ms);
            clock += ms;
          },
        }),
      });
      for (let i = 0; i < 5; i++) {
        await sender.send({
          kind: 'survey',
          reference: `r${i}`,
          channel: 'sms',
          to: '+447700900000',
          language: 'en',
          body: 'Hello',
        });
      }
      expect(notify.accepted.map((r) => r.body.reference)).toEqual([
        'survey.r0',
        'survey.r1',
        'survey.r2',
        'survey.r3',
        'survey.r4',
      ]);
      // Two a minute: the third and fifth waited a full window.
      expect(waits).toEqual([60_000, 60_000]);
    } finally {
      await notify.close();
    }
  });
});
