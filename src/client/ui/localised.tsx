// Pack text in the reader's language, marked with its real language, and visibly flagged when
// it falls back to English because no translation exists yet.
import { useTranslation } from 'react-i18next';
import { resolveText, type LocalText } from '../../shared/pack/local-text.ts';

export function useLocalText(): (value: LocalText | undefined) => string {
  const { i18n } = useTranslation();
  return (value) => (value ? resolveText(value, i18n.language).text : '');
}

export function Localised({ text, as: Tag = 'span' }: { text: LocalText; as?: 'span' | 'p' }) {
  const { t, i18n } = useTranslation();
  const resolved = resolveText(text, i18n.language);
  return (
    <Tag lang={resolved.lang} dir="auto">
      {resolved.text}
      {resolved.fallback ? <span className="fallback-tag">{t('ui.fallback')}</span> : null}
    </Tag>
  );
}
