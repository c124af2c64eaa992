// The frame of a view that reads from the hub itself (it needs a connection): it opens a hub
// session with the person's PIN when there is none, and says plainly when it cannot load.
// Shared by every hub-only view (customers, review moderation, audit scores, team overview,
// roster, insight); what each loads is typed in src/shared/api.
import {
  useCallback,
  useEffect,
  useState,
  type FormEvent,
  type HTMLAttributes,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { isPrivileged } from '../../shared/staff.ts';
import type { DeviceSettings } from '../db/database.ts';
import { useStaffSession } from '../db/use-staff.ts';
import { hubGet, openHubSession, type HubResult } from '../sync/hub-session.ts';
import { ErrorMessage, SecretField } from './form-fields.tsx';

export function HubView<T>({
  device,
  path,
  children,
}: {
  device: DeviceSettings;
  path: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [result, setResult] = useState<HubResult<T> | null>(null);
  const [pin, setPin] = useState('');
  const staffId = session?.staffId;
  // A privileged person's secret may be a passphrase; everyone else's is a PIN of digits.
  const passphrase = session ? isPrivileged(session.role) : false;

  const load = useCallback(async () => {
    if (!staffId) return;
    setResult(await hubGet<T>(device, staffId, path));
  }, [device, staffId, path]);
  useEffect(() => {
    if (!staffId) return;
    let current = true;
    void hubGet<T>(device, staffId, path).then((loaded) => {
      if (current) setResult(loaded);
    });
    return () => {
      current = false;
    };
  }, [device, staffId, path]);

  async function signIn(event: FormEvent) {
    event.preventDefault();
    if (!staffId) return;
    const opened = await openHubSession(device, staffId, pin);
    setPin('');
    if (opened) await load();
    else setResult({ ok: false, reason: navigator.onLine ? 'forbidden' : 'offline' });
  }

  if (!result) return <p>{t('app.loading')}</p>;
  if (result.ok) {
    return (
      <>
        {children(result.data)}
        <button type="button" className="button button--secondary" onClick={() => void load()}>
          {t('hubView.refresh')}
        </button>
      </>
    );
  }
  if (result.reason === 'no-session') {
    return (
      <form className="form" onSubmit={(event) => void signIn(event)}>
        <p>{t('hubView.needSession')}</p>
        <SecretField
          passphrase={passphrase}
          label={t(passphrase ? 'staff.secret' : 'staff.pin')}
          value={pin}
          onValue={setPin}
        />
        <button type="submit" className="button" disabled={pin.length < 6}>
          {t('hubView.load')}
        </button>
      </form>
    );
  }
  return <ErrorMessage>{t(`hubView.${result.reason}`)}</ErrorMessage>;
}

// A hub view's figures, as a table built one way: a caption, a header row of columns, and a row
// per record whose first cell is its row header (screen readers announce it with every cell of
// the row). Wide tables scroll inside their wrapper, so the page never scrolls sideways.
type DataAttributes = Record<`data-${string}`, string>;

export function DataTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  cells,
  rowData,
  cellTestIds = {},
  ...table
}: {
  caption: ReactNode;
  columns: readonly ReactNode[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  /** The row's cells, its row header first, one per column. */
  cells: (row: R) => ReactNode[];
  /** `data-` attributes of a row (the tests find a row by them). */
  rowData?: (row: R) => DataAttributes;
  /** A `data-testid` for every cell of a column, by the column's index. */
  cellTestIds?: Partial<Record<number, string>>;
} & Omit<HTMLAttributes<HTMLTableElement>, 'children'> &
  DataAttributes) {
  return (
    <div className="table-wrap">
      <table {...table}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={index}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const [header, ...rest] = cells(row);
            return (
              <tr key={rowKey(row)} {...rowData?.(row)}>
                <th scope="row">{header}</th>
                {rest.map((cell, index) => (
                  <td key={index} data-testid={cellTestIds[index + 1]}>
                    {cell}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
