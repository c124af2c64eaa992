// The id a new pack record is started with, checked as the pack's schema checks it (`slug` in
// shared/pack/schema.ts): the studio's pack and its places both start records by id.
import { useTranslation } from 'react-i18next';
import { TextField } from './form-fields.tsx';

export const RECORD_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function RecordIdField({
  label,
  value,
  onValue,
}: {
  label: string;
  value: string;
  onValue: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={label}
      hint={t('studioPack.newIdHint')}
      value={value}
      onValue={onValue}
      // The same rule for the browser's own check (the v flag wants the dash escaped).
      pattern="[a-z0-9][a-z0-9\-]{0,79}"
      required
    />
  );
}
