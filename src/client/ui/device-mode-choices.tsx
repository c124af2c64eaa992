// The mode a device works in (counter, tablet, kiosk), chosen where a device is enrolled and
// where a studio issues its code: each mode by its name and what it is for.
import { useTranslation } from 'react-i18next';
import { DEVICE_MODES, type DeviceMode } from '../../shared/contact.ts';
import { Choices, type ChoicesProps } from './form-fields.tsx';

/** `modeName` names a mode where the screen has its own word for it (the studio's are shorter). */
export function DeviceModeChoices({
  modeName,
  ...choices
}: Omit<ChoicesProps<DeviceMode>, 'options' | 'label'> & {
  modeName?: (mode: DeviceMode) => string;
}) {
  const { t } = useTranslation();
  return (
    <Choices
      {...choices}
      options={DEVICE_MODES}
      label={(m) => (
        <>
          <strong>{modeName ? modeName(m) : t(`enrol.modes.${m}.name`)}</strong>{' '}
          {t(`enrol.modes.${m}.hint`)}
        </>
      )}
    />
  );
}
