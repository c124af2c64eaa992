// Who is trained for what, at each place: the people a manager looks after, and for each the
// training modules their role needs, passed or not yet.
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { RosterEntry } from '../../../shared/api/staff.ts';
import { modulesForRole, passes } from '../../../shared/training.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useLocalText } from '../../ui/localised.tsx';
import { DataTable, HubView } from '../../ui/hub-view.tsx';

export function RosterPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const modules = useLiveQuery(() => db.training.toArray(), [db]);
  const places = useLiveQuery(() => db.accessPoints.toArray(), [db]);
  const placeName = (id: string) => {
    const p = places?.find((x) => x.id === id);
    return p ? p.name : id;
  };
  return (
    <section className="panel" aria-labelledby="roster-title">
      <h1 id="roster-title">{t('roster.title')}</h1>
      <HubView<RosterEntry[]> device={device} path="/api/staff/roster">
        {(people) => (
          <DataTable
            data-testid="roster"
            caption={t('roster.caption')}
            columns={[t('roster.person'), t('roster.places'), t('roster.needed')]}
            rows={people}
            rowKey={(p) => p.id}
            cells={(p) => {
              const needed = modulesForRole(modules ?? [], p.role);
              const passed = new Set(
                p.completed.filter((c) => passes(c.score)).map((c) => c.moduleId),
              );
              return [
                `${p.name} (${t(`staff.roles.${p.role}`)})`,
                p.accessPointIds.map(placeName).join(', '),
                needed.length === 0
                  ? t('roster.nothingNeeded')
                  : needed
                      .map(
                        (m) =>
                          `${local(m.title)}: ${passed.has(m.id) ? t('training.passed') : t('training.notYet')}`,
                      )
                      .join(' · '),
              ];
            }}
          />
        )}
      </HubView>
    </section>
  );
}
