import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  matchScore,
  nameKey,
  normaliseDateOfBirth,
  normaliseEmail,
  normaliseIdentity,
  normalisePhone,
  normalisePostcode,
  type CustomerIdentity,
} from './customer.ts';

const person = (over: Partial<CustomerIdentity>): CustomerIdentity => ({
  name: null,
  dateOfBirth: null,
  postcode: null,
  phone: null,
  email: null,
  ...over,
});

describe('normalisation', () => {
  it('folds a name: accents, case, punctuation, titles, word order', () => {
    expect(nameKey('Zoë Ó Súilleabháin')).toBe('o suilleabhain zoe');
    expect(nameKey("Mrs Mary O'Brien")).toBe(nameKey('obrien, mary'));
    expect(nameKey('Łukasz Wałęsa')).toBe('lukasz walesa');
    expect(nameKey('Dr. Ada JONES')).toBe('ada jones');
    expect(nameKey('Smith-Jones Anne')).toBe('anne jones smith');
    expect(nameKey('  ')).toBeNull();
    expect(nameKey('Mr')).toBeNull();
    expect(nameKey(null)).toBeNull();
  });

  it('puts UK phone numbers in +44 form', () => {
    for (const form of [
      '07700 900123',
      '07700900123',
      '+44 7700 900123',
      '+44 (0)7700 900123',
      '0044 7700 900123',
      '447700900123',
      '(07700) 900-123',
    ]) {
      expect(normalisePhone(form), form).toBe('+447700900123');
    }
    expect(normalisePhone('+48 601 234 567')).toBe('+48601234567');
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('call me')).toBeNull();
    expect(normalisePhone('')).toBeNull();
  });

  it('trims and lower-cases emails', () => {
    expect(normaliseEmail('  Ada.Jones@Example.ORG ')).toBe('ada.jones@example.org');
    expect(normaliseEmail('not an email')).toBeNull();
  });

  it('upper-cases postcodes with one space', () => {
    expect(normalisePostcode('nm34cd')).toBe('NM3 4CD');
    expect(normalisePostcode(' NM3   4CD ')).toBe('NM3 4CD');
    expect(normalisePostcode('sw1a1aa')).toBe('SW1A 1AA');
    expect(normalisePostcode('12345')).toBeNull();
  });

  it('writes dates of birth as ISO, and refuses days that do not exist', () => {
    expect(normaliseDateOfBirth('1984-03-07')).toBe('1984-03-07');
    expect(normaliseDateOfBirth('7/3/1984')).toBe('1984-03-07');
    expect(normaliseDateOfBirth('07.03.1984')).toBe('1984-03-07');
    expect(normaliseDateOfBirth('1984-02-30')).toBeNull();
    expect(normaliseDateOfBirth('31/04/1990')).toBeNull();
    expect(normaliseDateOfBirth('yesterday')).toBeNull();
  });

  it('normalises a whole identity', () => {
    expect(
      normaliseIdentity({ name: ' Ada Jones ', phone: '07700 900123', postcode: 'nm34cd' }),
    ).toEqual({
      name: 'Ada Jones',
      dateOfBirth: null,
      postcode: 'NM3 4CD',
      phone: '+447700900123',
      email: null,
    });
  });
});

describe('matchScore', () => {
  const kasia = person({
    name: 'Kasia Nowak',
    dateOfBirth: '1988-05-14',
    phone: '+447700900456',
  });
  const katarzyna = person({
    name: 'Katarzyna Nowak',
    dateOfBirth: '1988-05-14',
    phone: '+447700900456',
    email: 'k.nowak@example.org',
  });

  it('proposes a short form of the same name with the same birth date and phone', () => {
    const result = matchScore(kasia, katarzyna);
    expect(result.agree).toEqual(['name-similar', 'dateOfBirth', 'phone']);
    expect(result.likely).toBe(true);
  });

  it('proposes O’Brien and OBrien with the same birth date', () => {
    const result = matchScore(
      person({ name: "Sean O'Brien", dateOfBirth: '1975-11-02', postcode: 'NM1 2AB' }),
      person({ name: 'Sean OBrien', dateOfBirth: '1975-11-02' }),
    );
    expect(result.agree).toEqual(['name', 'dateOfBirth']);
    expect(result.likely).toBe(true);
  });

  it('is symmetric', () => {
    expect(matchScore(katarzyna, kasia)).toEqual(matchScore(kasia, katarzyna));
  });

  it('does not propose a parent and child who share a phone and surname', () => {
    const result = matchScore(
      person({ name: 'Ada Jones', dateOfBirth: '1950-01-01', phone: '+447700900123' }),
      person({ name: 'Ben Jones', dateOfBirth: '1980-06-01', phone: '+447700900123' }),
    );
    expect(result.disagree).toContain('dateOfBirth');
    expect(result.likely).toBe(false);
  });

  it('never proposes on a name alone', () => {
    const result = matchScore(person({ name: 'John Smith' }), person({ name: 'Smith, John' }));
    expect(result.agree).toEqual(['name']);
    expect(result.likely).toBe(false);
  });

  it('scores nothing for records with nothing in common', () => {
    const result = matchScore(
      person({ name: 'Ada Jones', email: 'ada@example.org' }),
      person({ name: 'Wei Chen', email: 'wei@example.org' }),
    );
    expect(result.agree).toEqual([]);
    expect(result.disagree).toEqual(['name', 'email']);
    expect(result.score).toBe(0);
  });

  it('treats the same email and a similar name as likely', () => {
    const result = matchScore(
      person({ name: 'Bob Taylor', email: 'bob@example.org' }),
      person({ name: 'Robert Taylor', email: 'bob@example.org' }),
    );
    expect(result.likely).toBe(true);
  });
});

describe('matching rules on any input', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  );
  const identity = fc.record({
    name: fc.option(text, { nil: null }),
    dateOfBirth: fc.option(fc.constantFrom('1988-05-14', '1975-11-02'), { nil: null }),
    postcode: fc.option(fc.constantFrom('NM2 6RS', 'EB1 5EF'), { nil: null }),
    phone: fc.option(fc.constantFrom('+447700900456', '+447700900123'), { nil: null }),
    email: fc.option(fc.constantFrom('a@example.org', 'b@example.org'), { nil: null }),
  });

  it('never throws, is symmetric, and a record always matches itself on what it holds', () => {
    fc.assert(
      fc.property(identity, identity, (a, b) => {
        const ab = matchScore(a, b);
        const ba = matchScore(b, a);
        expect(ab.score).toBe(ba.score);
        expect(ab.likely).toBe(ba.likely);
        expect(matchScore(a, a).disagree).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('folds a name to a key that folds to itself, whatever was typed', () => {
    fc.assert(
      fc.property(text, (name) => {
        const key = nameKey(name);
        if (key !== null) expect(nameKey(key)).toBe(key);
        expect(normalisePhone(name) ?? '+1').toMatch(/^\+\d+$/);
        expect(normalisePostcode(name) ?? 'A1 1AA').toMatch(/^[A-Z0-9]+ [0-9][A-Z]{2}$/);
      }),
      { numRuns: 500 },
    );
  });
});
