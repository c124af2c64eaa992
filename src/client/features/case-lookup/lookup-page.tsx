// "What is happening with my reference?" at the desk: a case by its reference, from what this
// device holds (offline too), else from the hub when there is a connection. Status, promise and
// due date, owner: what /track shows anyone with the reference, never personal data; staff who
// work cases open the full case from here.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseLookup, StaffCaseSummary } from '../../../shared/api/staff.ts';
import { caseState, dueStatus, type CaseStatus, type DueStatus } from '../../../shared/case.ts';
import { normaliseReference } from '../../../shared/reference.ts';
import { can } from '../../../shared/staff.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ErrorMessage, TextField } from '../../ui/form-fields.tsx';
import { HubView } from '../../ui/hub-view.tsx';
import { Localised, useLocalText } from '../../ui/localised.tsx';
import { Ltr } from '../../ui/ltr.tsx';
import { ownerName } from '../../ui/owner-name.ts';

/** What the look-up shows of a case, wherever it came from. */
interface Found {
  id: string | null;
  reference: string;
  serviceId: string;
  status: CaseStatus;
  /** "partner/team"; empty until the hub has routed it. */
  owner: string;
  promise: { due: string; status: DueStatus } | null;
}

function fromSummary(summary: StaffCaseSummary, held: boolean): Found {
  const promise = summary.dues.find((d) => d.stepId === 'promise');
  return {
    id: held ? summary.id : null,
    reference: summary.reference,
    serviceId: summary.serviceId,
    status: summary.status,
    owner: summary.ownerPartnerId ? `${summary.ownerPartnerId}/${summary.ownerTeamId}` : '',
    promise: promise ? { due: promise.due, status: promise.status } : null,
  };
}

export function LookupPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const db = useDb();
  const [typed, setTyped] = useState('');
  const [wanted, setWanted] = useState<string | null>(null);
  const [problem, setProblem] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // The case as this device holds it (null: not held; undefined: still reading).
  const held = useLiveQuery(async (): Promise<Found | null> => {
    if (!wanted) return null;
    const record = await db.cases.where('reference').equals(wanted).first();
    if (!record) return null;
    const events = await db.caseEvents.where('caseId').equals(record.id).toArray();
    const state = caseState(events);
    const promise = record.dues.find((d) => d.stepId === 'promise');
    return {
      id: record.id,
      reference: record.reference,
      serviceId: record.serviceId,
      status: state.status,
      owner: record.ownerPartnerId ? `${record.ownerPartnerId}/${record.ownerTeamId}` : '',
      promise: promise
        ? {
            due: promise.due,
            status: dueStatus(
              state,
              promise,
              new Date(record.receivedAt || record.openedAt),
              new Date(),
            ),
          }
        : null,
    };
  }, [db, wanted]);

  useEffect(() => {
    if (wanted) heading.current?.focus();
  }, [wanted]);

  function lookUp(event: FormEvent) {
    event.preventDefault();
    const reference = normaliseReference(typed);
    setProblem(!reference);
    setWanted(reference);
  }

  return (
    <section className="panel" aria-labelledby="lookup-title">
      <h1 id="lookup-title">{t('lookup.title')}</h1>
      <p className="hint">{t('lookup.intro')}</p>
      <form className="form lookup-form" onSubmit={lookUp} noValidate>
        <TextField
          label={t('lookup.reference')}
          hint={t('lookup.referenceHint')}
          value={typed}
          onValue={setTyped}
          maxLength={20}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          dir="ltr"
          {...(problem ? { 'aria-invalid': true } : {})}
        />
        <ErrorMessage>{problem ? t('lookup.badReference') : null}</ErrorMessage>
        <button type="submit" className="button">
          {t('lookup.submit')}
        </button>
      </form>
      {wanted && held !== undefined ? (
        <section aria-labelledby="lookup-result" className="lookup-result">
          <h2 id="lookup-result" ref={heading} tabIndex={-1}>
            {t('lookup.resultTitle')} <Ltr>{wanted}</Ltr>
          </h2>
          {held ? (
            <CaseFacts found={held} source="device" />
          ) : navigator.onLine ? (
            <HubView<CaseLookup>
              device={device}
              path={`/api/staff/case-lookup/${encodeURIComponent(wanted)}`}
            >
              {(answer) =>
                answer.found ? (
                  <CaseFacts found={fromSummary(answer.summary, false)} source="hub" />
                ) : (
                  <p data-testid="lookup-none">{t('lookup.notFound')}</p>
                )
              }
            </HubView>
          ) : (
            <p data-testid="lookup-offline">{t('lookup.notHeldOffline')}</p>
          )}
        </section>
      ) : null}
    </section>
  );
}

function CaseFacts({ found, source }: { found: Found; source: 'device' | 'hub' }) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const session = useStaffSession();
  const pack = useLiveQuery(async () => {
    const [service, commitment, partners] = await Promise.all([
      db.services.get(found.serviceId),
      db.commitments.where('serviceId').equals(found.serviceId).first(),
      db.partners.toArray(),
    ]);
    return { service, commitment, partners };
  }, [db, found.serviceId]);
  if (!pack) return null;
  const { service, commitment, partners } = pack;
  return (
    <>
      <dl className="facts" data-testid="lookup-facts">
        <div>
          <dt>{t('lookup.service')}</dt>
          <dd>{service ? <Localised text={service.name} /> : found.serviceId}</dd>
        </div>
        <div>
          <dt>{t('lookup.status')}</dt>
          <dd data-testid="lookup-status">{t(`lookup.states.${found.status}`)}</dd>
        </div>
        {commitment ? (
          <div>
            <dt>{t('lookup.promise')}</dt>
            <dd>
              <Localised text={commitment.promise} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('lookup.due')}</dt>
          <dd data-testid="lookup-due">
            {found.promise
              ? `${formatDateTime(found.promise.due, i18n.language)} (${t(
                  `lookup.dueStates.${found.promise.status}`,
                )})`
              : t('lookup.notRoutedYet')}
          </dd>
        </div>
        <div>
          <dt>{t('lookup.owner')}</dt>
          <dd data-testid="lookup-owner">
            {found.owner ? ownerName(partners, local, found.owner) : t('lookup.notRoutedYet')}
          </dd>
        </div>
      </dl>
      <p className="hint">{source === 'device' ? t('lookup.fromDevice') : t('lookup.fromHub')}</p>
      {found.id && session && can(session.role, 'case.work') ? (
        <Link to={`/cases/${found.id}`}>{t('lookup.openCase')}</Link>
      ) : null}
    </>
  );
}
