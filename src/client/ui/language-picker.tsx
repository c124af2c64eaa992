import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES } from '../i18n/i18n.ts';

/** Each language named in itself, so anyone can find their own. */
export function LanguagePicker({
  onPick,
  large = false,
}: {
  onPick: (code: string) => void;
  large?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div
      className={large ? 'language-picker language-picker--large' : 'language-picker'}
      role="group"
      aria-label={t('ui.language')}
    >
      {UI_LANGUAGES.map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          className="button button--secondary"
          aria-pressed={i18n.language === l.code}
          onClick={() => onPick(l.code)}
        >
          {l.name}
        </button>
      ))}
    </div>
  );
}
