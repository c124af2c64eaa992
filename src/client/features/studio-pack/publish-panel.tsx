// Publish the draft with a note saying what changed. The hub validates the whole draft again
// and publishes it atomically, or refuses with validatePack's reasons; nothing half-published.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRefused, PublishResult } from '../../../shared/pack/studio-api.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { TextAreaField } from '../../ui/form-fields.tsx';
import { ErrorList } from './error-list.tsx';
import { callHub, messageOf } from './pack-api.ts';

export function PublishPanel({
  device,
  onPublished,
}: {
  device: DeviceSettings;
  onPublished: () => void;
}) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<
    | { ok: true; version: number }
    | { ok: false; message: string; errors: DraftRefused['errors'] }
    | null
  >(null);

  async function publish(event: FormEvent) {
    event.preventDefault();
    if (!session || !note.trim()) return;
    setBusy(true);
    const answer = await callHub<PublishResult>(
      device,
      session.staffId,
      '/api/studio/pack/publish',
      'POST',
      { note: note.trim() },
    );
    setBusy(false);
    if (answer.ok) {
      setOutcome({ ok: true, version: answer.data.published.version });
      setNote('');
      onPublished();
      return;
    }
    const errors = (answer.body as Partial<DraftRefused> | null)?.errors ?? [];
    setOutcome({
      ok: false,
      message:
        answer.status === 422
          ? t('studioPack.publishInvalid')
          : (messageOf(answer.body) ??
            t(`hubView.${answer.reason}`, { defaultValue: answer.reason })),
      errors,
    });
  }

  return (
    <section aria-labelledby="studio-pack-publish" className="studio-pack-section">
      <h2 id="studio-pack-publish">{t('studioPack.publishTitle')}</h2>
      <form className="form" onSubmit={(e) => void publish(e)}>
        <TextAreaField
          label={t('studioPack.note')}
          hint={t('studioPack.noteHint')}
          value={note}
          onValue={setNote}
          required
          maxLength={500}
        />
        <button type="submit" className="button" disabled={busy || !note.trim()}>
          {t('studioPack.publish')}
        </button>
      </form>
      <div aria-live="polite">
        {outcome?.ok && (
          <p className="success">{t('studioPack.published', { version: outcome.version })}</p>
        )}
        {outcome && !outcome.ok && <ErrorList message={outcome.message} errors={outcome.errors} />}
      </div>
    </section>
  );
}
