// Runs one action on the hub for the customer views (merge, undo, reject, erase), says how it
// went, in the interface language, and counts the actions that worked so that the view showing
// what they changed reads it again (key it on `version`).
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { hubPost } from '../../sync/hub-session.ts';

export function useCustomerAction(device: DeviceSettings) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'done' | 'failed'; text: string } | null>(null);
  const [version, setVersion] = useState(0);

  /** Whether it worked. `reload: false` when the view is left anyway (a merge opens the kept one). */
  async function run(path: string, body: unknown, done: string, { reload = true } = {}) {
    if (!session) return false;
    setBusy(true);
    setMessage(null);
    const result = await hubPost(device, session.staffId, path, body);
    setBusy(false);
    if (result.ok) {
      setMessage({ kind: 'done', text: done });
      if (reload) setVersion((v) => v + 1);
      return true;
    }
    setMessage({
      kind: 'failed',
      text:
        result.reason === 'refused'
          ? t('customers.refused', { message: result.message })
          : t(`hubView.${result.reason}`),
    });
    return false;
  }

  return { run, busy, message, version };
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

/** A button for one action on the hub: none can be pressed while an action is running. */
export function ActionButton({
  action,
  secondary = false,
  onPress,
  children,
}: {
  action: CustomerAction;
  secondary?: boolean;
  onPress: () => Promise<unknown>;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={secondary ? 'button button--secondary' : 'button'}
      disabled={action.busy}
      onClick={() => void onPress()}
    >
      {children}
    </button>
  );
}
