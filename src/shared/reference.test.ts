import { describe, expect, it } from 'vitest';
import { isValidReference, newReference, normaliseReference } from './reference.ts';

describe('case references', () => {
  it('are readable, well formed and self-checking', () => {
    for (let i = 0; i < 500; i++) {
      const ref = newReference();
      expect(ref).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z*]$/);
      expect(ref).not.toMatch(/[01OILU]/);
      expect(isValidReference(ref)).toBe(true);
    }
  });

  it('accept what people type: lower case, spaces, no dashes', () => {
    const ref = newReference();
    expect(normaliseReference(ref.toLowerCase().replace(/-/g, ' '))).toBe(ref);
  });

  it('catch every single wrong symbol and every swap of neighbours', () => {
    const ref = newReference(() => 7);
    const body = ref.replace(/-/g, '');
    const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < 8; i++) {
      for (const c of alphabet) {
        if (c === body[i]) continue;
        const typo = body.slice(0, i) + c + body.slice(i + 1);
        expect(normaliseReference(typo), typo).toBeNull();
      }
    }
    const varied = newReference((n) => (Math.random() * n) | 0).replace(/-/g, '');
    for (let i = 0; i < 7; i++) {
      if (varied[i] === varied[i + 1]) continue;
      const swapped = varied.slice(0, i) + varied[i + 1] + varied[i] + varied.slice(i + 2);
      expect(normaliseReference(swapped), swapped).toBeNull();
    }
  });
});
