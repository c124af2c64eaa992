import { describe, expect, it } from 'vitest';
import { richTextToPlain, sanitizeRichText } from './rich-text.ts';

describe('sanitizeRichText', () => {
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
});
