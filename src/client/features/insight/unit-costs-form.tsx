// The franchisor's unit costs per channel, in pounds on screen and whole pence on the hub.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../../shared/channels.ts';
import { MAX_UNIT_COST } from '../../../shared/insight.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { hubFetch } from '../../sync/hub-session.ts';

export function UnitCostsForm({
  device,
  staffId,
  costs,
  onSaved,
}: {
  device: DeviceSettings;
  staffId: string;
  costs: Record<string, number>;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(() =>
    Object.fromEntries(CHANNELS.map((c) => [c, ((costs[c] ?? 0) / 100).toFixed(2)])),
  );
  const [status, setStatus] = useState<'idle' | 'saved' | 'invalid' | 'failed'>('idle');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const pence = Object.fromEntries(CHANNELS.map((c) => [c, Math.round(Number(draft[c]) * 100)]));
    if (Object.values(pence).some((p) => !Number.isInteger(p) || p < 0 || p > MAX_UNIT_COST)) {
      setStatus('invalid');
      return;
    }
    const result = await hubFetch(device, staffId, '/api/staff/insight-unit-costs', {
      method: 'PUT',
      body: { costs: pence },
    });
    setStatus(result.ok ? 'saved' : 'failed');
    if (result.ok) onSaved();
  };
  return (
    <form className="insight-costs" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('insight.costs.legend')}</legend>
        <p className="hint">{t('insight.costs.hint')}</p>
        <div className="insight-costs__fields">
          {CHANNELS.map((channel) => (
            <div className="field" key={channel}>
              <label htmlFor={`${id}-${channel}`}>
                {t('insight.costs.label', { channel: t(`channels.${channel}`) })}
              </label>
              <input
                id={`${id}-${channel}`}
                type="number"
                inputMode="decimal"
                min="0"
                max={MAX_UNIT_COST / 100}
                step="0.01"
                value={draft[channel]}
                onChange={(e) => setDraft((d) => ({ ...d, [channel]: e.target.value }))}
              />
            </div>
          ))}
        </div>
        <button type="submit" className="button">
          {t('insight.costs.save')}
        </button>
        {status !== 'idle' && (
          <p className={status === 'saved' ? 'ok' : 'error'} role="status">
            {t(`insight.costs.${status}`)}
          </p>
        )}
      </fieldset>
    </form>
  );
}
