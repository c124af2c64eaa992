import { useTranslation } from 'react-i18next';
import type { DeviceSettings } from '../../db/database.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { NoteForm } from './note-form.tsx';
import { useContactNotes } from './use-contact-notes.ts';

export function ContactNotesPage({
  device,
  staffName = '',
}: {
  device: DeviceSettings;
  staffName?: string;
}) {
  const { t, i18n } = useTranslation();
  const notes = useContactNotes();
  return (
    <>
      <h1>{t('notes.title')}</h1>
      <div className="columns">
        <section className="panel">
          <NoteForm defaultStaffName={staffName} />
        </section>
        <section className="panel" aria-labelledby="notes-list-title">
          <h2 id="notes-list-title">{t('notes.listTitle', { place: device.accessPointName })}</h2>
          {notes && notes.length === 0 ? <p>{t('notes.empty')}</p> : null}
          <ul className="note-list" data-testid="note-list">
            {notes?.map((note) => (
              <li key={note.id} className="note" data-state={note.state} data-testid="note">
                <div className="note__head">
                  <strong className="note__service">{note.serviceName}</strong>
                  <span className={`badge badge--${note.state}`}>
                    {t(`notes.state.${note.state}`)}
                  </span>
                </div>
                <p className="note__meta">
                  {t('notes.meta', {
                    staff: note.staffName,
                    channel: t(`channels.${note.channel}`),
                    when: formatDateTime(note.createdAt, i18n.language),
                  })}
                </p>
                {note.note ? <p className="note__body">{note.note}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
