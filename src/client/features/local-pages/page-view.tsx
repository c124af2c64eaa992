// One page: its current text, every revision and who made it, and, when two devices edited it
// offline, both versions side by side for a person to merge. Nothing is overwritten silently.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DeviceSettings } from '../../db/database.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { BackLink } from '../../ui/back-link.tsx';
import { NotFound } from '../../ui/not-found.tsx';
import { RichText } from '../../ui/rich-text-editor.tsx';
import { usePage } from './use-pages.ts';

export function PageView({ device }: { device: DeviceSettings }) {
  const { t, i18n } = useTranslation();
  const { pageId = '' } = useParams();
  const page = usePage(pageId);
  if (page === undefined) return <p>{t('app.loading')}</p>;
  if (page === null) {
    return <NotFound title={t('pages.missing')} to="/pages" back={t('pages.back')} />;
  }
  const { state, revisions } = page;
  const canEdit = page.accessPointId === device.accessPointId;
  return (
    <article className="panel" aria-labelledby="page-title">
      <BackLink to="/pages">{t('pages.back')}</BackLink>
      <h1 id="page-title">{state.current.title}</h1>
      {state.conflict ? (
        <section className="conflict" aria-labelledby="conflict-title" data-testid="page-conflict">
          <h2 id="conflict-title">{t('pages.conflictTitle')}</h2>
          <p>{t('pages.conflictIntro', { count: state.heads.length })}</p>
          <div className="columns">
            {state.heads.map((head) => (
              <section
                key={head.id}
                className="panel"
                aria-label={t('pages.versionBy', { author: head.author })}
              >
                <h3>{head.title}</h3>
                <p className="note__meta">
                  {t('pages.revisionMeta', {
                    author: head.author,
                    when: formatDateTime(head.createdAt, i18n.language),
                  })}
                </p>
                <RichText html={head.body} />
              </section>
            ))}
          </div>
          {canEdit ? (
            <Link className="button" to={`/pages/${pageId}/edit`}>
              {t('pages.merge')}
            </Link>
          ) : null}
        </section>
      ) : (
        <>
          <RichText html={state.current.body} />
          {canEdit ? (
            <p>
              <Link className="button" to={`/pages/${pageId}/edit`}>
                {t('pages.edit')}
              </Link>
            </p>
          ) : (
            <p className="note__meta">{t('pages.readOnly')}</p>
          )}
        </>
      )}
      <h2>{t('pages.history')}</h2>
      <ol className="note-list" data-testid="page-history">
        {[...revisions]
          .sort((a, b) => (a.id < b.id ? 1 : -1))
          .map((r) => (
            <li key={r.id} className="note">
              {t('pages.revisionMeta', {
                author: r.author,
                when: formatDateTime(r.createdAt, i18n.language),
              })}
              {r.receivedAt === '' ? (
                <span className="badge badge--pending">{t('notes.state.pending')}</span>
              ) : null}
            </li>
          ))}
      </ol>
    </article>
  );
}
