// After a guided flow records a contact, the finder opens with the four faces above it. The
// flow passes the contact in the navigation state; router.tsx loads this chunk only then. A
// kiosk's session ends once its citizen has sent feedback.
import { useLocation, useNavigate } from 'react-router';
import type { DeviceSettings } from '../db/database.ts';
import {
  FeedbackPanel,
  type AfterContact,
  type SurveyLanguage,
} from '../features/feedback/feedback-panel.tsx';

function afterContactOf(state: unknown): AfterContact | null {
  const value = (state as { feedbackFor?: unknown } | null)?.feedbackFor;
  return value && typeof value === 'object' && 'channel' in value ? (value as AfterContact) : null;
}

export function AfterContactFeedback({
  device,
  languages,
  endKioskSession,
}: {
  device: DeviceSettings;
  // Both passed in from the first load, which has them, so that this chunk does not split
  // them off into chunks of their own (the first-load budget counts every extra chunk).
  languages: readonly SurveyLanguage[];
  endKioskSession: () => Promise<void>;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const after = afterContactOf(location.state);
  if (!after) return null;
  const done = (sent: boolean) => {
    if (sent && device.mode === 'kiosk') void endKioskSession();
    else void navigate(location.pathname, { replace: true, state: null });
  };
  return (
    <FeedbackPanel
      key={after.contactId ?? location.key}
      device={device}
      after={after}
      languages={languages}
      onDone={done}
    />
  );
}
