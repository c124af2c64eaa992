import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Channel } from '../../../shared/channels.ts';
import { createContactNote } from '../../db/writes.ts';
import { useDb } from '../../db/use-db.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { useSync } from '../../sync/use-sync.ts';
import { ChannelField } from '../../ui/form-fields.tsx';
import { TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { writeFailure } from '../../ui/write-failure.ts';

export function NoteForm({ defaultStaffName = '' }: { defaultStaffName?: string }) {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  // A guided flow that ends in "capture a request" hands over what it learnt.
  const handover = (useLocation().state ?? {}) as { serviceName?: string; note?: string };
  // The person signed in served the citizen: their name, not a field to type it into again.
  const session = useStaffSession();
  const [typedName, setStaffName] = useState(defaultStaffName);
  const staffName = session?.name ?? typedName;
  const [serviceName, setServiceName] = useState(handover.serviceName ?? '');
  const [channel, setChannel] = useState<Channel>('face-to-face');
  const [note, setNote] = useState(handover.note ?? '');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const serviceRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await createContactNote(db, { staffName, serviceName, channel, note });
      setServiceName('');
      setNote('');
      setMessage({ kind: 'ok', text: t('notes.saved') });
      serviceRef.current?.focus();
      void sync.syncNow();
    } catch (error) {
      setMessage({ kind: 'error', text: writeFailure(t, 'notes.saveFailed', error) });
    }
  }

  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="note-form-title"
    >
      <h2 id="note-form-title">{t('notes.formTitle')}</h2>
      <div className="field-row">
        {/* While the session is still being read (undefined), neither: no field that vanishes. */}
        {session ? (
          <p className="field" data-testid="note-served-by">
            {t('notes.servedBy', { name: session.name })}
          </p>
        ) : session === null ? (
          <TextField
            label={t('notes.staffName')}
            name="staffName"
            value={staffName}
            onValue={setStaffName}
            autoComplete="name"
            required
            maxLength={80}
          />
        ) : null}
        <ChannelField name="channel" value={channel} onChoose={setChannel} />
      </div>
      <TextField
        label={t('notes.serviceName')}
        hint={t('notes.serviceHint')}
        ref={serviceRef}
        name="serviceName"
        value={serviceName}
        onValue={setServiceName}
        required
        maxLength={120}
      />
      <TextAreaField
        label={t('notes.note')}
        hint={t('notes.noteHint')}
        name="note"
        value={note}
        onValue={setNote}
        rows={4}
        maxLength={2000}
      />
      <button type="submit" className="button">
        {t('notes.save')}
      </button>
      <p role="status" className={message?.kind === 'error' ? 'error' : 'success'}>
        {message?.text}
      </p>
    </form>
  );
}
