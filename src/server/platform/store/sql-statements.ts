// A migration file's statements, as the database is to receive them: one at a time, since
// SQLite prepares one statement per call.

/**
 * The statements of an SQL file in order, each without its closing `;` and the comments and
 * blank lines before it. A statement ends at a `;` outside quotes ('…', "…"), comments (-- …,
 * /* … *\/) and dollar quotes ($$ … $$, $tag$ … $tag$), except inside the body of an SQLite
 * trigger (CREATE TRIGGER … BEGIN … END), which holds statements of its own: that ends at
 * `END;` (as in SQLite's own shell, so no statement inside a trigger may end with a CASE's END
 * just before its `;`). Throws on text after the last `;` and on an unclosed quote or comment.
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let words: string[] = []; // the statement's words so far, lower-case
  let i = 0;
  const closing = (end: string, from: number, what: string): number => {
    const at = text.indexOf(end, from);
    if (at < 0) throw new Error(`unclosed ${what} at offset ${from - 1}`);
    return at + end.length;
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (ch === "'" || ch === '"') {
      // A doubled quote inside is the quote itself: the scan simply closes and reopens.
      i = closing(ch, i + 1, 'quote');
    } else if (ch === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === '/' && next === '*') {
      i = closing('*/', i + 2, 'comment');
    } else if (ch === '$' && /^\$[A-Za-z_]\w*\$|^\$\$/.test(text.slice(i, i + 64))) {
      const tag = /^\$(?:[A-Za-z_]\w*)?\$/.exec(text.slice(i, i + 64))?.[0] ?? '$$';
      i = closing(tag, i + tag.length, 'dollar quote');
    } else if (/[A-Za-z_]/.test(ch)) {
      const word = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 256))?.[0] ?? ch;
      words.push(word.toLowerCase());
      i += word.length;
    } else if (ch === ';') {
      if (!insideTriggerBody(words)) {
        statements.push(withoutLeadingComments(text.slice(start, i)));
        start = i + 1;
        words = [];
      }
      i += 1;
    } else {
      i += 1;
    }
  }
  if (withoutLeadingComments(text.slice(start)) !== '') {
    throw new Error('the last statement has no closing ";"');
  }
  return statements;
}

/** Whether a `;` after these words is inside an SQLite trigger's BEGIN … END. */
function insideTriggerBody(words: readonly string[]): boolean {
  const kind = words[1] === 'temp' || words[1] === 'temporary' ? words[2] : words[1];
  return (
    words[0] === 'create' && kind === 'trigger' && words.includes('begin') && words.at(-1) !== 'end'
  );
}

function withoutLeadingComments(chunk: string): string {
  let rest = chunk.trimStart();
  for (;;) {
    if (rest.startsWith('--')) {
      const end = rest.indexOf('\n');
      rest = end < 0 ? '' : rest.slice(end + 1).trimStart();
    } else if (rest.startsWith('/*')) {
      rest = rest.slice(rest.indexOf('*/') + 2).trimStart();
    } else {
      return rest;
    }
  }
}
