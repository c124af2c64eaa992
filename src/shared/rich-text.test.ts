import fc from 'fast-check';
import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { RICH_TEXT_TAGS as ALLOWED, richTextToPlain, sanitizeRichText } from './rich-text.ts';

interface Element {
  tag: string;
  attrs: { name: string; value: string }[];
}

/** Every element in `html` as a browser reads it (parse5 follows the WHATWG HTML parser). */
function elementsOf(html: string): Element[] {
  const found: Element[] = [];
  const walk = (node: unknown) => {
    const n = node as { tagName?: string; attrs?: Element['attrs']; childNodes?: unknown[] };
    if (n.tagName) found.push({ tag: n.tagName, attrs: n.attrs ?? [] });
    for (const child of n.childNodes ?? []) walk(child);
  };
  walk(parseFragment(html));
  return found;
}

/** A URL as a browser takes its scheme: tabs and newlines dropped, leading controls and spaces trimmed. */
const urlScheme = (href: string) =>
  href
    .replace(/[\t\n\r]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/^[\u0000-\u0020]+/, '')
    .toLowerCase();

/** What must hold of any output: only allowed tags and attributes, no handler, no unsafe link. */
function expectSafe(clean: string, input: string): void {
  for (const { tag, attrs } of elementsOf(clean)) {
    expect(ALLOWED[tag], `<${tag}> from ${JSON.stringify(input)}`).toBeDefined();
    for (const { name, value } of attrs) {
      expect(name.startsWith('on'), `${name} from ${JSON.stringify(input)}`).toBe(false);
      expect(ALLOWED[tag], `${tag}[${name}] from ${JSON.stringify(input)}`).toContain(name);
      if (name === 'href') {
        const scheme = urlScheme(value);
        expect(scheme).not.toMatch(/^(javascript|data|vbscript):/);
        expect(scheme).toMatch(/^(https?:|mailto:|tel:)/);
      }
    }
  }
}

describe('sanitizeRichText', () => {
  it('allows a short list of tags, and attributes on a link only (widening it is a decision)', () => {
    expect(Object.keys(ALLOWED).join(' ')).toBe('p br strong b em i u h2 h3 ul ol li blockquote a');
    expect(Object.entries(ALLOWED).filter(([, kept]) => kept.length > 0)).toEqual([
      ['a', ['href', 'title']],
    ]);
  });

  it('keeps the formatting a page needs', () => {
    const html =
      '<h2>Lift</h2><p>The <strong>lift</strong> is <em>broken</em>.</p><ul><li>Use the ramp</li></ul>';
    expect(sanitizeRichText(html)).toBe(html);
    expect(sanitizeRichText('<a href="https://example.gov.uk/x" title="t">link</a>')).toBe(
      '<a href="https://example.gov.uk/x" title="t">link</a>',
    );
  });

  it('lets no script survive, in any disguise', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '<a href=" JaVaScRiPt:alert(1)">x</a>',
      '<p onclick="alert(1)">x</p>',
      '<svg><script>alert(1)</script></svg>',
      '<iframe src="https://evil.example"></iframe>',
      '<style>body{display:none}</style>',
      '<a href="data:text/html,<script>alert(1)</script>">x</a>',
      '<scr<script>ipt>alert(1)</script>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    ];
    for (const attack of attacks) {
      const clean = sanitizeRichText(attack);
      expect(clean, attack).not.toMatch(
        /<script|onerror|onclick|javascript:|<iframe|<style|<img|<svg|data:/i,
      );
    }
  });

  it('drops control characters and mends lone surrogates', () => {
    expect(sanitizeRichText('<p>a\u0000b\u0007c\td</p>')).toBe('<p>abc\td</p>');
    expect(sanitizeRichText('<p>a\uD800b 😀</p>')).toBe('<p>a\uFFFDb 😀</p>');
  });

  it('turns rich text into plain text for search', () => {
    expect(richTextToPlain('<h2>Lift</h2><p>Use the &amp; ramp</p>')).toBe('Lift\nUse the & ramp');
  });

  it('keeps an href from breaking out of its quotes (the payload from issue 12)', () => {
    const attack = `<a href='https://example.org/" onmouseover="alert(1)'>x</a>`;
    const clean = sanitizeRichText(attack);
    expect(clean).toBe('<a href="https://example.org/&quot; onmouseover=&quot;alert(1)">x</a>');
    const [link] = elementsOf(clean);
    expect(link?.attrs).toEqual([
      { name: 'href', value: 'https://example.org/" onmouseover="alert(1)' },
    ]);
    expectSafe(clean, attack);
  });

  it('escapes & < > " and \' in every attribute value it keeps', () => {
    expect(
      sanitizeRichText(`<a title="a&quot;b'c<d>e&f" href="https://x.org/?a=1&b='2'">t</a>`),
    ).toBe(
      '<a title="a&quot;b&#39;c&lt;d&gt;e&amp;f" href="https://x.org/?a=1&amp;b=&#39;2&#39;">t</a>',
    );
    // Unquoted and single-quoted values come out double-quoted and escaped too.
    expect(sanitizeRichText('<a title=x"onclick=y href=\'https://a.b/" x="\'>t</a>')).toBe(
      '<a title="x&quot;onclick=y" href="https://a.b/&quot; x=&quot;">t</a>',
    );
  });

  it('drops refused attributes whole, rather than leaving a bare name', () => {
    expect(sanitizeRichText('<a href="javascript:alert(1)" title="">x</a>')).toBe('<a>x</a>');
    expect(sanitizeRichText('<a href="&#106;avascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeRichText('<a href="java&Tab;script:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeRichText('<a href="data&colon;text/html,x">x</a>')).toBe('<a>x</a>');
    expect(sanitizeRichText('<p title="t" style="color:red" onclick="x">y</p>')).toBe('<p>y</p>');
    // A reference that spells an allowed scheme is read as a browser would.
    expect(sanitizeRichText('<a href="https&#58;//example.org">x</a>')).toBe(
      '<a href="https://example.org">x</a>',
    );
  });

  it('is idempotent on what the editor writes', () => {
    const html =
      '<p>Tom &amp; Jerry&nbsp;say <a href="https://example.gov.uk/?a=1&amp;b=2" title="“quoted” &amp; more">hi</a></p>';
    const once = sanitizeRichText(html);
    expect(sanitizeRichText(once)).toBe(once);
    expect(elementsOf(once)[1]?.attrs).toEqual([
      { name: 'href', value: 'https://example.gov.uk/?a=1&b=2' },
      { name: 'title', value: '“quoted” & more' },
    ]);
  });

  describe('for any input', () => {
    const tagName = fc.constantFrom(
      ...Object.keys(ALLOWED),
      'A',
      'script',
      'img',
      'svg',
      'iframe',
      'style',
      'math',
      'textarea',
      'title',
      'x',
    );
    const attrName = fc.oneof(
      fc.constantFrom('href', 'HREF', 'title', 'onclick', 'onmouseover', 'ONLOAD', 'style', 'src'),
      fc.string({ unit: fc.constantFrom('o', 'n', 'h', 'r', 'e', 'f', '-', '/', '"', "'", '=') }),
    );
    const attrValue = fc.oneof(
      fc.constantFrom(
        'javascript:alert(1)',
        ' JaVaScRiPt:alert(1)',
        'java&Tab;script:x',
        '&#106;avascript:x',
        '&#x6A;avascript:x',
        'data:text/html,<script>alert(1)</script>',
        'https://example.org/" onmouseover="alert(1)',
        "https://example.org/' onfocus='alert(1)",
        'https://example.org/?a=1&amp;b=2',
        'https&#58;//example.org',
        'mailto:a@example.org',
        'tel:01234',
        '&quot; onclick=&quot;alert(1)',
      ),
      fc.string({
        unit: fc.constantFrom('a', ':', '/', '"', "'", '<', '>', '&', ';', '#', '=', ' ', 'j'),
      }),
      fc.string(),
    );
    const quote = fc.constantFrom('"', "'", '');
    const attribute = fc
      .tuple(fc.constantFrom(' ', '\t', '/', '\n', ''), attrName, quote, attrValue)
      .map(([sep, name, q, value]) => `${sep}${name}=${q}${value}${q}`);
    const markup: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string(),
        fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '=', '/', '!', '-', 'a', ' ') }),
        fc
          .tuple(
            tagName,
            fc.array(attribute, { maxLength: 4 }),
            fc.array(tie('node'), { maxLength: 3 }),
          )
          .map(
            ([tag, attrs, children]) => `<${tag}${attrs.join('')}>${children.join('')}</${tag}>`,
          ),
      ),
    })).node;
    const anyInput = fc.oneof(markup, fc.string({ unit: 'binary' }));

    it('emits, when parsed again, no handler, no unsafe link and no other tag', () => {
      fc.assert(
        fc.property(anyInput, (input) => {
          expectSafe(sanitizeRichText(input), input);
        }),
        { numRuns: 3000 },
      );
    });

    it('gives the same result when sanitised twice', () => {
      fc.assert(
        fc.property(anyInput, (input) => {
          const once = sanitizeRichText(input);
          expect(sanitizeRichText(once)).toBe(once);
        }),
        { numRuns: 3000 },
      );
    });
  });
});
