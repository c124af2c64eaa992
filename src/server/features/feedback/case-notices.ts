// Telling a citizen their case is resolved. A case's contact details are kept with the
// citizen's consent "to contact them about this case"; a resolution is that, so each
// 'resolved' event of a case with an email address or a mobile number is told once, in the
// language the contact names (English otherwise), with the case's /track link. A case
// reopened before the message went is not told; resolved again, it is told again.
//
// Once only: the event's id is claimed in case_notices (one INSERT … ON CONFLICT DO NOTHING)
// before the message is handed to the sender, so neither a second hub process nor a restart
// nor the next run sends it again; a send the provider refuses drops the claim for a retry.
// A process killed between claim and send loses that one message rather than risk two.
import { normaliseMobile } from '../../../shared/feedback.ts';
import { matchLanguage, resolveText } from '../../../shared/pack/local-text.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { CASE_RESOLVED_TEXT } from './case-notice-text.ts';
import type { FeedbackStore } from './feedback-store.ts';
import { composeMessage } from './followup-text.ts';
import type { MessageSender } from './message-sender.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly feedback: FeedbackStore };

/** Resolutions older than this are not told (a hub that was down a week, a backfill). */
export const CASE_NOTICE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface CaseNoticeOptions {
  storage: Stores;
  sender: MessageSender;
  /** Where citizens reach this hub (no trailing slash needed). */
  publicUrl: string;
  now?: Date;
  batch?: number;
}

export interface CaseNoticeRun {
  sent: number;
  failed: number;
  /** Contact details with neither an email address nor a mobile number. */
  unreachable: number;
}

/** Where a case's contact can be written to, if anywhere, and in which language. */
export function noticeAddress(
  contactJson: string,
): { channel: 'email' | 'sms'; to: string; language: string } | null {
  let contact: { email?: unknown; phone?: unknown; language?: unknown };
  try {
    contact = JSON.parse(contactJson) as typeof contact;
  } catch {
    return null;
  }
  if (!contact || typeof contact !== 'object') return null;
  const language =
    matchLanguage(typeof contact.language === 'string' ? contact.language : '') ?? 'en';
  if (typeof contact.email === 'string' && contact.email.includes('@')) {
    return { channel: 'email', to: contact.email, language };
  }
  const mobile = typeof contact.phone === 'string' ? normaliseMobile(contact.phone) : null;
  // Only a mobile takes a text; a landline given for calls gets nothing written.
  if (mobile && /^\+447\d{9}$|^\+(?!44)\d{7,15}$/.test(mobile)) {
    return { channel: 'sms', to: mobile, language };
  }
  return null;
}

export async function runCaseNotices(options: CaseNoticeOptions): Promise<CaseNoticeRun> {
  const { storage, sender } = options;
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - CASE_NOTICE_WINDOW_MS).toISOString();
  const run: CaseNoticeRun = { sent: 0, failed: 0, unreachable: 0 };
  const due = await storage.feedback.listResolutionsToTell(since, options.batch ?? 200);
  if (due.length === 0) return run;
  const services = new Map((await storage.core.listPackRecords('services')).map((s) => [s.id, s]));
  for (const notice of due) {
    const address = noticeAddress(notice.contact);
    const claim = { eventId: notice.eventId, caseId: notice.caseId };
    if (!address) {
      // Claimed and settled at once, so the next run does not look at it again.
      if (await storage.feedback.claimCaseNotice({ ...claim, channel: 'none' }, now.toISOString()))
        run.unreachable++;
      continue;
    }
    if (
      !(await storage.feedback.claimCaseNotice(
        { ...claim, channel: address.channel },
        now.toISOString(),
      ))
    )
      continue;
    const language = address.language as keyof typeof CASE_RESOLVED_TEXT;
    const text = CASE_RESOLVED_TEXT[language];
    const service = services.get(notice.serviceId);
    const values = {
      reference: notice.reference,
      service: service ? resolveText(service.name, language).text : notice.serviceId,
      link: `${options.publicUrl.replace(/\/+$/, '')}/track/${notice.reference}`,
    };
    try {
      await sender.send(
        composeMessage(
          { kind: 'case-resolved', reference: notice.eventId, ...address, language },
          text,
          values,
        ),
      );
      await storage.feedback.settleCaseNotice(notice.eventId, new Date().toISOString());
      run.sent++;
    } catch {
      await storage.feedback.settleCaseNotice(notice.eventId, null);
      run.failed++;
    }
  }
  return run;
}
