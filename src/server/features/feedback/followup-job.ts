// The 48-hour follow-up: sends each consented survey once, and forgets the addresses of those
// it could not send in time. Runs on a timer in main.ts; tests call runFollowups directly.
import { FOLLOWUP_WINDOW_MS } from '../../../shared/feedback.ts';
import { matchLanguage, resolveText } from '../../../shared/pack/local-text.ts';
import { startRepeatingJob } from '../../platform/repeating-job.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { hashSecret, newLinkToken } from '../../platform/tokens.ts';
import { runCaseNotices, type CaseNoticeRun } from './case-notices.ts';
import type { FeedbackStore } from './feedback-store.ts';
import { composeMessage, FOLLOWUP_TEXT } from './followup-text.ts';
import type { MessageSender } from './message-sender.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly feedback: FeedbackStore };

export interface FollowupJobOptions {
  storage: Stores;
  sender: MessageSender;
  /** Where citizens reach this hub, e.g. https://anydoor.example.org (no trailing slash). */
  publicUrl: string;
  now?: Date;
  /** At most this many messages per run (the next run takes the rest). */
  batch?: number;
}

export interface FollowupRun {
  sent: number;
  failed: number;
  expired: number;
}

/**
 * One pass. Each follow-up is claimed (one conditional UPDATE that also stores the link's token
 * hash) before it is sent, so two hub processes never send it twice; a send that fails puts it
 * back for the next pass. A process killed between claim and send loses that one survey rather
 * than risk sending it twice.
 */
export async function runFollowups(options: FollowupJobOptions): Promise<FollowupRun> {
  const { storage, sender } = options;
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - FOLLOWUP_WINDOW_MS).toISOString();
  const run: FollowupRun = { sent: 0, failed: 0, expired: 0 };
  run.expired = await storage.feedback.expireFollowups(since);
  const pending = await storage.feedback.listPendingFollowups(since, options.batch ?? 200);
  if (pending.length === 0) return run;
  const places = new Map((await storage.core.listAccessPoints()).map((ap) => [ap.id, ap.name]));
  const services = new Map((await storage.core.listPackRecords('services')).map((s) => [s.id, s]));
  for (const followup of pending) {
    const token = newLinkToken();
    if (!(await storage.feedback.claimFollowup(followup.id, hashSecret(token), now.toISOString())))
      continue;
    const language = matchLanguage(followup.language) ?? 'en';
    const text = FOLLOWUP_TEXT[language];
    const link = `${options.publicUrl.replace(/\/+$/, '')}/survey/${token}`;
    const service = followup.serviceId ? services.get(followup.serviceId) : undefined;
    const placeName = places.get(followup.accessPointId) ?? followup.accessPointId;
    const place = service
      ? `${placeName} (${resolveText(service.name, language).text})`
      : placeName;
    try {
      const address = { channel: followup.addressKind, to: followup.address };
      await sender.send(
        composeMessage({ kind: 'survey', reference: followup.id, ...address, language }, text, {
          place,
          link,
        }),
      );
      await storage.feedback.settleFollowup(followup.id, true);
      run.sent++;
    } catch {
      await storage.feedback.settleFollowup(followup.id, false);
      run.failed++;
    }
  }
  return run;
}

/** What one pass of the timer did: the surveys and the resolutions told. */
export interface MessagesRun extends FollowupRun {
  resolved: CaseNoticeRun;
}

/**
 * Runs the jobs now and every `intervalMs`, one pass at a time: the surveys, then the
 * resolutions to tell, then the sender forgets what it keeps past its time (the demo's file).
 * Returns a stop function.
 */
export function startFollowupTimer(
  options: Omit<FollowupJobOptions, 'now'> & {
    intervalMs?: number;
    onRun?: (run: MessagesRun) => void;
    onError?: (error: unknown) => void;
  },
): () => Promise<void> {
  return startRepeatingJob(
    async () => {
      const surveys = await runFollowups(options);
      const resolved = await runCaseNotices(options);
      await options.sender.tidy?.(new Date());
      options.onRun?.({ ...surveys, resolved });
    },
    {
      intervalMs: options.intervalMs ?? 60_000,
      onError: (error) => options.onError?.(error),
      runNow: true,
    },
  );
}
