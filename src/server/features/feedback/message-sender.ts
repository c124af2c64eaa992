// How the hub reaches a citizen: one small interface that email and SMS providers plug into
// (as FixMyStreet's SendReport plug-ins do). The default writes each message to a local file,
// so the demo works with no provider and no connection.
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FollowupAddressKind } from '../../../shared/feedback.ts';

export interface OutboundMessage {
  /** The follow-up it belongs to (never the citizen's identity). */
  followupId: string;
  channel: FollowupAddressKind;
  to: string;
  language: string;
  /** Email only. */
  subject?: string;
  body: string;
  /** The survey link inside the body, for providers that want it separately. */
  link: string;
}

export interface MessageSender {
  /** Resolves once the provider has accepted the message; rejects if it did not. */
  send(message: OutboundMessage): Promise<void>;
}

/**
 * Appends each message as one JSON line to `<dir>/messages.jsonl`. A single append of a short
 * line is atomic on local file systems, so concurrent sends never interleave.
 */
export class OutboxFileSender implements MessageSender {
  readonly file: string;
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
    this.file = join(dir, 'messages.jsonl');
  }

  async send(message: OutboundMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const line = JSON.stringify({ ...message, writtenAt: new Date().toISOString() });
    await appendFile(this.file, `${line}\n`, { encoding: 'utf8', mode: 0o600 });
  }
}
