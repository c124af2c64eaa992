import { describe, expect, it } from 'vitest';
import { screenReview } from './review-screen.ts';

const flags = (body: string, extra: { title?: string; displayName?: string } = {}) =>
  screenReview({ body, ...extra });

describe('review screening', () => {
  it('passes an ordinary review, in any language, without flags', () => {
    expect(
      flags('Quick and friendly. The library staff found the form for me in minutes.'),
    ).toEqual([]);
    expect(flags('Bardzo pomocna obsługa, polecam.')).toEqual([]);
    expect(flags('Gwasanaeth da iawn, diolch.')).toEqual([]);
    expect(flags('الموظفون كانوا لطفاء جدا')).toEqual([]);
    expect(flags('服务很好，很快就办完了。')).toEqual([]);
    expect(flags('The officer was helpful and the counter opened at 9.')).toEqual([]);
  });

  it('flags markup and script, however it is dressed', () => {
    expect(flags('<script>alert(1)</script>')).toContain('markup');
    expect(flags('nice <img src=x onerror=alert(1)>')).toContain('markup');
    expect(flags('click javascript:alert(1)')).toContain('markup');
    expect(flags('&#60;b&#62;')).toContain('markup');
    expect(flags('5 < 6 and 7 > 3')).not.toContain('markup');
  });

  it('flags links, email addresses, phone numbers and postcodes', () => {
    expect(flags('see https://example.com/x')).toContain('link');
    expect(flags('go to www.cheap-pills.biz')).toContain('link');
    expect(flags('mysite.co.uk/offer is better')).toContain('link');
    expect(flags('write to jan.kowalski@example.pl')).toContain('email');
    expect(flags('ring me on 07700 900123')).toContain('phone');
    expect(flags('call +44 (0)29 2087-2087')).toContain('phone');
    expect(flags('I waited 20 minutes in 2025')).not.toContain('phone');
    expect(flags('I live at CF10 1AA')).toContain('postcode');
    expect(flags('near sa11aa')).toContain('postcode');
  });

  it('flags a name after a title or a job, not the job alone', () => {
    expect(flags('Officer Jenkins was rude')).toContain('personal-name');
    expect(flags('Thanks to Mrs Patel at the desk')).toContain('personal-name');
    expect(flags('thanks to mr. Hughes')).toContain('personal-name');
    expect(flags('Pani Nowak była bardzo miła')).toContain('personal-name');
    expect(flags('The lady called Sian helped me')).toContain('personal-name');
    expect(flags('the officer was kind and the receptionist was quick')).not.toContain(
      'personal-name',
    );
    expect(flags('Great service', { displayName: 'Dr Who' })).toContain('personal-name');
  });

  it('flags abuse in the six languages, also disguised', () => {
    for (const text of [
      'what a bunch of idiots',
      'f*cking useless',
      'FUUUCK this',
      'sh1t service',
      'kurwa mać',
      'twpsyn oedd e',
      'ty debilu? nie, debil',
      'موظف غبي',
      '这个人是傻逼',
      '真是白癡',
    ]) {
      expect(flags(text), text).toContain('abuse');
    }
    // Words that merely contain a listed word are not abuse.
    expect(flags('Scunthorpe office, assessment was fair, shitake soup')).not.toContain('abuse');
  });

  it('flags shouting and repeated characters', () => {
    expect(flags('WORST SERVICE I HAVE EVER HAD IN MY LIFE')).toContain('shouting');
    expect(flags('Good. The NHS and DVLA forms were OK.')).not.toContain('shouting');
    expect(flags('soooooo slow')).toContain('repeated-characters');
    expect(flags('why?!?!!!!!')).toContain('repeated-characters');
    expect(flags('good, too good')).not.toContain('repeated-characters');
  });

  it('looks at the title and the display name too, and lists each flag once in a fixed order', () => {
    expect(
      screenReview({ title: 'VISIT WWW.SPAM.COM NOW PLEASE', body: 'ok', displayName: 'x' }),
    ).toEqual(['link', 'shouting']);
    expect(flags('a@b.co and c@d.co and https://e.com')).toEqual(['link', 'email']);
  });
});
