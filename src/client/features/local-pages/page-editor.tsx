// Writing or merging a page. Saving records a revision that replaces every version the
// editor was showing, so a merge settles a conflict and a plain edit continues the line.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { saveLocalPage } from '../../db/writes.ts';
import { useSync } from '../../sync/use-sync.ts';
import { ErrorMessage, TextField } from '../../ui/form-fields.tsx';
import { RichTextEditor } from '../../ui/rich-text-editor.tsx';
import { writeFailure } from '../../ui/write-failure.ts';
import { usePage } from './use-pages.ts';

export function PageEditor({ device }: { device: DeviceSettings }) {
  const { pageId } = useParams();
  const page = usePage(pageId ?? '');
  const { t } = useTranslation();
  if (pageId && page === undefined) return <p>{t('app.loading')}</p>;
  if (page && page.accessPointId !== device.accessPointId) return <p>{t('pages.readOnly')}</p>;
  const heads = page?.state.heads ?? [];
  // In a conflict the editor starts from every version, one after the other, to merge by hand.
  const initial = heads.map((h) => h.body).join('');
  return (
    <EditorForm
      key={heads.map((h) => h.id).join()}
      pageId={pageId}
      baseRevisionIds={heads.map((h) => h.id)}
      initialTitle={page?.state.current.title ?? ''}
      initialBody={initial}
      merging={heads.length > 1}
    />
  );
}

function EditorForm(props: {
  pageId: string | undefined;
  baseRevisionIds: string[];
  initialTitle: string;
  initialBody: string;
  merging: boolean;
}) {
  const { t } = useTranslation();
  const db = useDb();
  const sync = useSync();
  const navigate = useNavigate();
  const bodyLabel = useId();
  const [title, setTitle] = useState(props.initialTitle);
  const [author, setAuthor] = useState('');
  const [body, setBody] = useState(props.initialBody);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const revision = await saveLocalPage(db, {
        ...(props.pageId ? { pageId: props.pageId } : {}),
        baseRevisionIds: props.baseRevisionIds,
        title,
        body,
        author,
      });
      void sync.syncNow();
      await navigate(`/pages/${revision.pageId}`);
    } catch (e) {
      setError(writeFailure(t, 'pages.saveFailed', e));
    }
  }

  return (
    <section className="panel" aria-labelledby="editor-title">
      <h1 id="editor-title">
        {props.merging
          ? t('pages.mergeTitle')
          : props.pageId
            ? t('pages.editTitle')
            : t('pages.newTitle')}
      </h1>
      {props.merging ? <p>{t('pages.mergeIntro')}</p> : null}
      <form className="form" onSubmit={(event) => void submit(event)}>
        <TextField
          label={t('pages.pageTitle')}
          value={title}
          onValue={setTitle}
          required
          maxLength={120}
        />
        <div className="field">
          <span className="field__label" id={bodyLabel}>
            {t('pages.body')}
          </span>
          <RichTextEditor labelId={bodyLabel} initialHtml={props.initialBody} onChange={setBody} />
        </div>
        <TextField
          label={t('pages.author')}
          value={author}
          onValue={setAuthor}
          autoComplete="name"
          required
          maxLength={80}
        />
        <ErrorMessage>{error}</ErrorMessage>
        <button type="submit" className="button">
          {t('pages.save')}
        </button>
      </form>
    </section>
  );
}
