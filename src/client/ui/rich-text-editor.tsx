// A small rich-text editor: a contenteditable region with a toolbar for the few formats the
// sanitiser keeps. What it produces is sanitised again before it is stored and by the hub.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { sanitizeRichText } from '../../shared/rich-text.ts';

const COMMANDS = [
  { key: 'bold', command: 'bold' },
  { key: 'italic', command: 'italic' },
  { key: 'heading', command: 'formatBlock', value: 'h2' },
  { key: 'paragraph', command: 'formatBlock', value: 'p' },
  { key: 'bullets', command: 'insertUnorderedList' },
  { key: 'numbers', command: 'insertOrderedList' },
] as const;

export function RichTextEditor({
  labelId,
  initialHtml,
  onChange,
}: {
  labelId: string;
  initialHtml: string;
  onChange: (html: string) => void;
}) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);
  // Uncontrolled after the first render, so typing never moves the caret.
  useEffect(() => {
    if (area.current) area.current.innerHTML = sanitizeRichText(initialHtml);
  }, [initialHtml]);

  return (
    <div className="editor">
      <div className="editor__toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
        {COMMANDS.map((c) => (
          <button
            key={c.key}
            type="button"
            className="button button--secondary"
            // Keep the selection in the text while clicking a toolbar button.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              document.execCommand(c.command, false, 'value' in c ? c.value : undefined);
              onChange(area.current?.innerHTML ?? '');
            }}
          >
            {t(`editor.${c.key}`)}
          </button>
        ))}
      </div>
      <div
        ref={area}
        className="editor__area rich-text"
        contentEditable
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelId}
        tabIndex={0}
        onInput={(event) => onChange(event.currentTarget.innerHTML)}
        data-testid="rich-text-editor"
      />
    </div>
  );
}

/** Shows stored rich text; sanitised once more here, whatever the database holds. */
export function RichText({ html }: { html: string }) {
  return <div className="rich-text" dangerouslySetInnerHTML={{ __html: sanitizeRichText(html) }} />;
}
