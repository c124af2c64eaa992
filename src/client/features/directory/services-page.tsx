// Every service in the pack, offline: filter by words or topic. (The full finder, with
// typo-tolerant search in every language, builds on this.)
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { resolveText } from '../../../shared/pack/local-text.ts';
import { useDb } from '../../db/use-db.ts';
import { useLocalText } from '../../ui/localised.tsx';

const SHOWN = 50;

export function ServicesPage() {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const searchId = useId();
  const topicId = useId();
  const [query, setQuery] = useState('');
  const [topic, setTopic] = useState('');
  const words = useDeferredValue(query.trim().toLocaleLowerCase(i18n.language));
  const topics = useLiveQuery(() => db.topics.toArray(), [db]) ?? [];
  const total = useLiveQuery(() => db.services.count(), [db]);
  const results = useLiveQuery(async () => {
    const pool = topic ? db.services.where('topics').equals(topic) : db.services.toCollection();
    const matches = await pool
      .filter((s) => {
        if (!words) return true;
        const haystack = [
          resolveText(s.name, i18n.language).text,
          s.name.en,
          ...Object.values(s.keywords).flat(),
        ]
          .join(' ')
          .toLocaleLowerCase(i18n.language);
        return words.split(/\s+/).every((w) => haystack.includes(w));
      })
      .toArray();
    // Services authored for the counter (with keywords and a process map) come first.
    const rank = (s: (typeof matches)[number]) => (s.keywords.en ? 0 : 1);
    return matches.sort((a, b) => rank(a) - rank(b) || a.name.en.localeCompare(b.name.en));
  }, [db, topic, words, i18n.language]);

  return (
    <section className="panel" aria-labelledby="services-title">
      <h1 id="services-title">{t('directory.servicesTitle')}</h1>
      <p>{t('directory.servicesIntro', { count: total ?? 0 })}</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={searchId}>{t('directory.search')}</label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={topicId}>{t('directory.topic')}</label>
          <select id={topicId} value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">{t('directory.allTopics')}</option>
            {topics.map((tp) => (
              <option key={tp.id} value={tp.id}>
                {local(tp.name)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status">{t('directory.matches', { count: results?.length ?? 0 })}</p>
      <ul className="link-list" data-testid="service-list">
        {results?.slice(0, SHOWN).map((s) => (
          <li key={s.id}>
            <Link to={`/services/${s.id}`}>{local(s.name)}</Link>
            <span className="note__meta">{t('directory.tier', { tier: s.tier })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
