// Which sender the hub uses, from the environment (README, "Messages to citizens"):
//   SMTP_URL, MAIL_FROM                       email through an SMTP server
//   NOTIFY_API_KEY, NOTIFY_EMAIL_TEMPLATE_ID,  email and/or text messages through GOV.UK Notify
//   NOTIFY_SMS_TEMPLATE_ID (NOTIFY_BASE_URL,
//   NOTIFY_REQUESTS_PER_MINUTE)
//   OUTBOX_DIR, OUTBOX_KEEP_HOURS             the demo's file, for whatever has no provider
// Email goes by SMTP if configured, else Notify if it has an email template, else the file;
// text messages by Notify if it has a text template, else the file. A half-configured provider
// stops the start, naming what is missing, rather than quietly writing messages to a file.
import {
  ChannelSender,
  NOTIFY_REQUESTS_PER_MINUTE,
  NotifySender,
  OUTBOX_KEEP_MS,
  OutboxFileSender,
  SmtpSender,
  type MessageSender,
} from './message-sender.ts';

export function senderFromEnv(
  env: Record<string, string | undefined>,
  outboxDir: string,
): ChannelSender {
  const keepHours = Number(env.OUTBOX_KEEP_HOURS);
  const file = new OutboxFileSender(outboxDir, {
    keepMs: Number.isFinite(keepHours) && keepHours > 0 ? keepHours * 3_600_000 : OUTBOX_KEEP_MS,
  });
  const set = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);

  let smtp: MessageSender | undefined;
  const smtpUrl = set('SMTP_URL');
  if (smtpUrl) {
    const from = set('MAIL_FROM');
    if (!from) throw new Error('SMTP_URL is set but MAIL_FROM (the From address) is not');
    smtp = new SmtpSender({ url: smtpUrl, from });
  }

  let notify: NotifySender | undefined;
  const apiKey = set('NOTIFY_API_KEY');
  if (apiKey) {
    const emailTemplateId = set('NOTIFY_EMAIL_TEMPLATE_ID');
    const smsTemplateId = set('NOTIFY_SMS_TEMPLATE_ID');
    if (!emailTemplateId && !smsTemplateId) {
      throw new Error(
        'NOTIFY_API_KEY is set but neither NOTIFY_EMAIL_TEMPLATE_ID nor NOTIFY_SMS_TEMPLATE_ID is',
      );
    }
    // Never above Notify's own limit: a lower figure leaves room for another system on the key.
    const perMinute = Math.min(
      Number(set('NOTIFY_REQUESTS_PER_MINUTE') ?? NaN),
      NOTIFY_REQUESTS_PER_MINUTE,
    );
    const baseUrl = set('NOTIFY_BASE_URL');
    notify = new NotifySender({
      apiKey,
      ...(baseUrl ? { baseUrl } : {}),
      ...(emailTemplateId ? { emailTemplateId } : {}),
      ...(smsTemplateId ? { smsTemplateId } : {}),
      ...(Number.isFinite(perMinute) && perMinute > 0 ? { perMinute } : {}),
    });
  }

  return new ChannelSender({
    email: smtp ?? (notify?.handles('email') ? notify : file),
    sms: notify?.handles('sms') ? notify : file,
  });
}
