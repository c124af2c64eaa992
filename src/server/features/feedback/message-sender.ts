// How the hub reaches a citizen: one small interface that email and SMS providers plug into
// (as FixMyStreet's SendReport plug-ins do). Three senders, chosen by configuration
// (message-config.ts): a local file (the default, so the demo works with no provider and no
// connection), SMTP through nodemailer, and GOV.UK Notify through its official client.
//
// Each message is sent once: the jobs claim it in the database before handing it to a sender
// (followup-job.ts, case-notices.ts), so a sender never needs to remember what it sent.
import { createTransport, type Transporter } from 'nodemailer';
import { NotifyClient } from 'notifications-node-client';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FollowupAddressKind } from '../../../shared/feedback.ts';
import { RequestWindow } from './request-window.ts';

export type MessageKind = 'survey' | 'case-resolved';

export interface OutboundMessage {
  kind: MessageKind;
  /**
   * Names the message, never the citizen: the follow-up's id for a survey, the resolution
   * event's id for a resolved case. Providers get it as their reference or Message-ID.
   */
  reference: string;
  channel: FollowupAddressKind;
  to: string;
  language: string;
  /** Email only. */
  subject?: string;
  body: string;
  /** The link inside the body, for providers that want it separately. */
  link?: string;
}

export interface MessageSender {
  /** Where messages go, for the hub's start-up lines (never a secret). */
  readonly description?: string;
  /** Resolves once the provider has accepted the message; rejects if it did not. */
  send(message: OutboundMessage): Promise<void>;
  /** Called after each run of the jobs: a sender that keeps anything forgets what is due. */
  tidy?(now: Date): Promise<void>;
  close?(): Promise<void>;
}

/** How long the demo's file keeps a message (and so its address and link) by default. */
export const OUTBOX_KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Appends each message as one JSON line to `<dir>/messages.jsonl`, the demo's stand-in for a
 * mailbox. It is a mailbox, so it does not keep mail for ever: lines older than `keepMs`
 * (address, link and all) are dropped whenever it writes or tidies. A single append of a short
 * line is atomic on local file systems, so concurrent sends never interleave; the drop rewrites
 * the file through a rename, which one hub process at a time should do (a demo has one).
 */
export class OutboxFileSender implements MessageSender {
  readonly file: string;
  readonly description: string;
  private readonly dir: string;
  private readonly keepMs: number;

  constructor(dir: string, options: { keepMs?: number } = {}) {
    this.dir = dir;
    this.file = join(dir, 'messages.jsonl');
    this.keepMs = options.keepMs ?? OUTBOX_KEEP_MS;
    this.description = `the file ${this.file} (each kept ${Math.round(this.keepMs / 3_600_000)} hours)`;
  }

  async send(message: OutboundMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const line = JSON.stringify({ ...message, writtenAt: new Date().toISOString() });
    await appendFile(this.file, `${line}\n`, { encoding: 'utf8', mode: 0o600 });
  }

  /** Drops every line written more than keepMs before `now`, and any line it cannot read. */
  async tidy(now: Date): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return;
    }
    const oldest = now.getTime() - this.keepMs;
    const lines = text.split('\n').filter(Boolean);
    const kept = lines.filter((line) => {
      try {
        const written = Date.parse((JSON.parse(line) as { writtenAt?: string }).writtenAt ?? '');
        return written >= oldest;
      } catch {
        return false;
      }
    });
    if (kept.length === lines.length) return;
    const next = `${this.file}.${process.pid}.tmp`;
    await writeFile(next, kept.map((line) => `${line}\n`).join(''), { mode: 0o600 });
    await rename(next, this.file);
  }
}

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://…:465; nodemailer's connection URL. */
  url: string;
  /** The From address, e.g. "Northshire AnyDoor <noreply@northshire.example.gov.uk>". */
  from: string;
}

/** Email through any SMTP server (the council's relay, a mail provider). */
export class SmtpSender implements MessageSender {
  readonly description: string;
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(options: SmtpOptions) {
    this.transport = createTransport(options.url);
    this.from = options.from;
    const url = new URL(options.url);
    this.description = `SMTP at ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`;
  }

  async send(message: OutboundMessage): Promise<void> {
    if (message.channel !== 'email') throw new Error('SMTP sends email only');
    const domain = /@([^>\s]+)>?$/.exec(this.from)?.[1] ?? 'anydoor.invalid';
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject ?? '',
      text: message.body,
      // The message's own id: a receiving system that sees it twice can tell.
      messageId: `<${message.kind}.${message.reference}@${domain}>`,
      headers: { 'Content-Language': message.language },
    });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** GOV.UK Notify's published limit: 3,000 requests a minute per API key. */
export const NOTIFY_REQUESTS_PER_MINUTE = 3000;

export interface NotifyOptions {
  apiKey: string;
  /** Notify's API; set only to reach a stand-in (tests) or a proxy. */
  baseUrl?: string;
  /** An email template whose subject is ((subject)) and body ((body)). */
  emailTemplateId?: string;
  /** A text message template whose body is ((body)). */
  smsTemplateId?: string;
  /** Requests a minute; Notify's limit unless told a lower one. */
  perMinute?: number;
  /** For tests: the limiter's clock and wait. */
  window?: RequestWindow;
}

/**
 * Email and text messages through GOV.UK Notify. The words are AnyDoor's (six languages), so
 * each Notify template only frames them: ((subject)) and ((body)). Requests are spaced to stay
 * within the key's limit, so a burst of surveys waits instead of being refused with a 429.
 */
export class NotifySender implements MessageSender {
  readonly description: string;
  private readonly client: NotifyClient;
  private readonly options: NotifyOptions;
  private readonly window: RequestWindow;

  constructor(options: NotifyOptions) {
    this.options = options;
    this.client = options.baseUrl
      ? new NotifyClient(options.baseUrl, options.apiKey)
      : new NotifyClient(options.apiKey);
    this.window =
      options.window ??
      new RequestWindow({
        limit: options.perMinute ?? NOTIFY_REQUESTS_PER_MINUTE,
        windowMs: 60_000,
      });
    const channels = [
      options.emailTemplateId ? 'email' : '',
      options.smsTemplateId ? 'text messages' : '',
    ].filter(Boolean);
    this.description = `GOV.UK Notify (${channels.join(' and ')})`;
  }

  handles(channel: FollowupAddressKind): boolean {
    return channel === 'email' ? !!this.options.emailTemplateId : !!this.options.smsTemplateId;
  }

  async send(message: OutboundMessage): Promise<void> {
    const reference = `${message.kind}.${message.reference}`;
    await this.window.take();
    if (message.channel === 'email') {
      if (!this.options.emailTemplateId) throw new Error('no Notify email template configured');
      await this.client.sendEmail(this.options.emailTemplateId, message.to, {
        personalisation: { subject: message.subject ?? '', body: message.body },
        reference,
      });
    } else {
      if (!this.options.smsTemplateId) throw new Error('no Notify text template configured');
      await this.client.sendSms(this.options.smsTemplateId, message.to, {
        personalisation: { body: message.body },
        reference,
      });
    }
  }
}

/** Email through one sender, text messages through another. */
export class ChannelSender implements MessageSender {
  readonly description: string;
  private readonly email: MessageSender;
  private readonly sms: MessageSender;

  constructor(senders: { email: MessageSender; sms: MessageSender }) {
    this.email = senders.email;
    this.sms = senders.sms;
    const email = senders.email.description ?? 'a custom sender';
    const sms = senders.sms.description ?? 'a custom sender';
    this.description =
      senders.email === senders.sms ? email : `email: ${email}; text messages: ${sms}`;
  }

  send(message: OutboundMessage): Promise<void> {
    return (message.channel === 'email' ? this.email : this.sms).send(message);
  }

  async tidy(now: Date): Promise<void> {
    for (const sender of this.distinct()) await sender.tidy?.(now);
  }

  async close(): Promise<void> {
    for (const sender of this.distinct()) await sender.close?.();
  }

  private distinct(): MessageSender[] {
    return [...new Set([this.email, this.sms])];
  }
}
