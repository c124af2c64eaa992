// The finder: the first thing a person meets. One box finds any service in any language of
// the pack, as you type and despite typos; or browse by life event and topic; or pick one of
// the services used most here.
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useLocalText } from '../../ui/localised.tsx';
import { ServiceCard, type CardContext } from './service-card.tsx';
import { useOftenUsed } from './use-often-used.ts';
import { useServiceIndex } from './use-service-index.ts';
import { useScreenMark } from '../../ui/screen-mark.ts';

const SHOWN = 12;

type Browse = { kind: 'lifeEvents' | 'topics'; id: string } | null;

export function FinderPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const index = useServiceIndex();
  const searchId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [browse, setBrowse] = useState<Browse>(null);
  const words = useDeferredValue(query);
  const mode = device.mode ?? 'counter';
  const often = useOftenUsed(device.accessPointId);

  const reference = useLiveQuery(async () => {
    const [partners, maps, places, lifeEvents, topics] = await Promise.all([
      db.partners.toArray(),
      db.processMaps.toArray(),
      db.accessPoints.toArray(),
      db.lifeEvents.toArray(),
      db.topics.toArray(),
    ]);
    return { partners, maps, places, lifeEvents, topics };
  }, [db]);

  const context = useMemo<CardContext | null>(
    () =>
      reference
        ? {
            mode,
            hereId: device.accessPointId,
            partners: new Map(reference.partners.map((p) => [p.id, p])),
            mappedServices: new Set(reference.maps.map((m) => m.serviceId)),
            places: reference.places,
          }
        : null,
    [reference, mode, device.accessPointId],
  );

  const ids = useMemo(() => {
    if (words.trim() && index) return index.search(words, { limit: SHOWN }).map((h) => h.id);
    return null;
  }, [words, index]);
  // Typed before the index is ready (it is loaded or built after the first paint): keep the
  // words, say so, and search them as soon as it is.
  const preparing = words.trim() !== '' && !index;

  const results = useLiveQuery(async () => {
    if (ids) return (await db.services.bulkGet(ids)).filter((s) => s !== undefined);
    if (browse) {
      const list = await db.services.where(browse.kind).equals(browse.id).toArray();
      // Services with a guided flow first: they can be done right here.
      const mapped = new Set((await db.processMaps.toArray()).map((m) => m.serviceId));
      return list.sort((a, b) => Number(mapped.has(b.id)) - Number(mapped.has(a.id))).slice(0, 40);
    }
    const favourites = [...new Set([...(often?.recent ?? []), ...(often?.frequent ?? [])])];
    return (await db.services.bulkGet(favourites)).filter((s) => s !== undefined);
  }, [db, ids, browse, often]);

  useScreenMark('finder');

  // "/" jumps to the search box from anywhere on the counter.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        event.key === '/' &&
        !['INPUT', 'TEXTAREA', 'SELECT'].includes(target?.tagName ?? '') &&
        !target?.isContentEditable
      ) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const heading = preparing
    ? t('finder.preparing')
    : ids
      ? t('finder.results', { count: results?.length ?? 0 })
      : browse
        ? t('finder.browsing')
        : t('finder.oftenHere', { place: device.accessPointName });

  return (
    <div className="finder">
      <h1>{mode === 'kiosk' ? t('finder.kioskTitle') : t('finder.title')}</h1>
      <form role="search" className="finder__search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={searchId}>{t('finder.searchLabel')}</label>
        <input
          id={searchId}
          ref={input}
          type="search"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setBrowse(null);
          }}
          autoComplete="off"
          // Counter staff start typing straight away; a kiosk waits for a touch.
          autoFocus={mode === 'counter'}
          aria-describedby={`${searchId}-hint`}
          data-testid="finder-search"
        />
        <p className="hint" id={`${searchId}-hint`}>
          {mode === 'counter' ? t('finder.hintCounter') : t('finder.hint')}
        </p>
      </form>
      {!query ? (
        <nav className="browse" aria-label={t('finder.browseLabel')}>
          <h2>{t('finder.lifeEvents')}</h2>
          <ul className="chips">
            {reference?.lifeEvents.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className="chip"
                  aria-pressed={browse?.id === e.id}
                  onClick={() => setBrowse({ kind: 'lifeEvents', id: e.id })}
                >
                  {local(e.name)}
                </button>
              </li>
            ))}
          </ul>
          <h2>{t('finder.topics')}</h2>
          <ul className="chips">
            {reference?.topics.map((topic) => (
              <li key={topic.id}>
                <button
                  type="button"
                  className="chip"
                  aria-pressed={browse?.id === topic.id}
                  onClick={() => setBrowse({ kind: 'topics', id: topic.id })}
                >
                  {local(topic.name)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <section aria-labelledby="finder-results" aria-live="polite">
        <h2 id="finder-results">{heading}</h2>
        {ids && results?.length === 0 ? <p>{t('finder.nothing')}</p> : null}
        {context && !preparing ? (
          <ol className="service-cards" data-testid="finder-results">
            {results?.map((s) => (
              <ServiceCard key={s.id} service={s} context={context} />
            ))}
          </ol>
        ) : null}
      </section>
    </div>
  );
}
