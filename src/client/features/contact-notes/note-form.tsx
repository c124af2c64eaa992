import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { CHANNELS, type Channel } from '../../../shared/channels.ts';
import { createContactNote } from '../../db/writes.ts';
import { useDb } from '../../db/use-db.ts';
import { useSync } from '../../sync/use-sync.ts';
import { writeFailure } from '../../ui/write-failure.ts';

export function NoteForm({ defaultStaffName = '' }: { defaultStaffName?: string }) {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const ids = { staff: useId(), service: useId(), channel: useId(), note: useId() };
  // A guided flow that ends in "capture a request" hands over what it learnt.
  const handover = (useLocation().state ?? {}) as { serviceName?: string; note?: string };
  const [staffName, setStaffName] = useState(defaultStaffName);
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
        <div className="field">
          <label htmlFor={ids.staff}>{t('notes.staffName')}</label>
          <input
            id={ids.staff}
            name="staffName"
            value={staffName}
            onChange={(event) => setStaffName(event.target.value)}
            autoComplete="name"
            required
            maxLength={80}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.channel}>{t('notes.channel')}</label>
          <select
            id={ids.channel}
            name="channel"
            value={channel}
            onChange={(event) => setChannel(event.target.value as Channel)}
          >
            {CHANNELS.map((value) => (
              <option key={value} value={value}>
                {t(`channels.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.service}>{t('notes.serviceName')}</label>
        <p className="hint" id={`${ids.service}-hint`}>
          {t('notes.serviceHint')}
        </p>
        <input
          id={ids.service}
          ref={serviceRef}
          name="serviceName"
          value={serviceName}
          onChange={(event) => setServiceName(event.target.value)}
          aria-describedby={`${ids.service}-hint`}
          required
          maxLength={120}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.note}>{t('notes.note')}</label>
        <p className="hint" id={`${ids.note}-hint`}>
          {t('notes.noteHint')}
        </p>
        <textarea
          id={ids.note}
          name="note"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-describedby={`${ids.note}-hint`}
          rows={4}
          maxLength={2000}
        />
      </div>
      <button type="submit" className="button">
        {t('notes.save')}
      </button>
      <p role="status" className={message?.kind === 'error' ? 'error' : 'success'}>
        {message?.text}
      </p>
    </form>
  );
}
