// Runs one action on the hub for the customer views (merge, undo, reject, erase) and says how
// it went, in the interface language; and the way back to the search these views start with.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { hubPost } from '../../sync/hub-session.ts';

export function useCustomerAction(device: DeviceSettings) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'done' | 'failed'; text: string } | null>(null);

  async function run<T>(path: string, body: unknown, done: string): Promise<T | null> {
    if (!session) return null;
    setBusy(true);
    setMessage(null);
    const result = await hubPost<T>(device, session.staffId, path, body);
    setBusy(false);
    if (result.ok) {
      setMessage({ kind: 'done', text: done });
      return result.data;
    }
    setMessage({
      kind: 'failed',
      text:
        result.reason === 'refused'
          ? t('customers.refused', { message: result.message })
          : t(`hubView.${result.reason}`),
    });
    return null;
  }

  return { run, busy, message };
}

export type CustomerAction = ReturnType<typeof useCustomerAction>;

/** How the last action went: read out politely when it worked, at once when it did not. */
export function ActionMessage({ action, testId }: { action: CustomerAction; testId?: string }) {
  const { message } = action;
  if (!message) return null;
  return (
    <p
      className={message.kind === 'done' ? 'success' : 'error'}
      role={message.kind === 'done' ? 'status' : 'alert'}
      data-testid={testId}
    >
      {message.text}
    </p>
  );
}

export function BackToSearch() {
  const { t } = useTranslation();
  return (
    <p>
      <Link className="customer-link" to="/customers">
        {t('customers.search.back')}
      </Link>
    </p>
  );
}
