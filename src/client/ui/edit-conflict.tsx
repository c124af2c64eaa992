// Someone else saved the record while this person was editing it (the hub answered 409): who and
// which revision, read out at once, and a way to take their version. The studio's record and
// place editors both meet it; `children` shows their version where the editor can.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRecord } from '../../shared/pack/studio-api.ts';

export function EditConflict({
  current,
  onTakeTheirs,
  children,
}: {
  current: DraftRecord;
  onTakeTheirs: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="error" role="alert">
      <p>
        {t('studioPack.conflict', {
          who: current.updatedBy ?? '–',
          revision: current.revision,
        })}
      </p>
      {children}
      <button type="button" className="button button--secondary" onClick={onTakeTheirs}>
        {t('studioPack.takeTheirs')}
      </button>
    </div>
  );
}
