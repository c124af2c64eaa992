import { describe, expect, it } from 'vitest';
import { freeText } from './text.ts';

describe('freeText', () => {
  const schema = freeText(1, 10);

  it('trims and accepts ordinary text in any script', () => {
    expect(schema.parse('  Zażółć ')).toBe('Zażółć');
    expect(schema.parse('مرحبا')).toBe('مرحبا');
    expect(schema.parse('a\tb\nc')).toBe('a\tb\nc');
  });

  it('keeps markup as text: it is escaped when shown, not stripped', () => {
    expect(freeText(0, 100).parse('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('refuses control characters, empty and over-long text', () => {
    expect(schema.safeParse('a\u0000b').success).toBe(false);
    expect(schema.safeParse('a\u001bb').success).toBe(false);
    expect(schema.safeParse('   ').success).toBe(false);
    expect(schema.safeParse('x'.repeat(11)).success).toBe(false);
  });

  it('refuses half a surrogate pair but keeps whole ones (emoji)', () => {
    expect(schema.safeParse('a\uD800b').success).toBe(false);
    expect(schema.safeParse('a\uDC00').success).toBe(false);
    expect(schema.parse('a😀b')).toBe('a😀b');
  });
});
