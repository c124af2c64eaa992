import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { buildServiceIndex, type ServiceIndex } from '../../src/shared/search/service-search.ts';
import { tokenize } from '../../src/shared/search/tokenize.ts';

describe('tokenize', () => {
  it('splits Chinese into words and pairs, and folds accents', () => {
    const zh = tokenize('报告垃圾桶漏收');
    expect(zh).toContain('垃圾');
    expect(tokenize('Śmieci')).toEqual(['smieci']);
    expect(tokenize('تَجْرِبَة')).toEqual(['تجربة']);
  });
});

describe('service search over the demo pack', () => {
  let index: ServiceIndex;
  const top = (query: string, n = 5) => index.search(query, { limit: n }).map((h) => h.id);

  beforeAll(() => {
    const checked = validatePack(buildDemoPack());
    if (!checked.ok) throw new Error('invalid demo pack');
    const labels = new Map(
      [...checked.pack.lifeEvents, ...checked.pack.topics].map((x) => [x.id, x.name]),
    );
    index = buildServiceIndex(checked.pack.services, labels);
  });

  it('finds services by everyday words, synonyms and as-you-type prefixes', () => {
    expect(top('missed bin')).toContain('missed-bin-collection');
    expect(top('bins')).toContain('missed-bin-collection');
    expect(top('rubbish')).toEqual(
      expect.arrayContaining([expect.stringMatching(/bin|waste|fly/)]),
    );
    expect(top('potho')).toContain('pothole');
  });

  it('tolerates typos', () => {
    expect(top('mised bin colection')).toContain('missed-bin-collection');
    expect(top('blu badge')).toContain('blue-badge');
    expect(top('counsil tax')).toEqual(
      expect.arrayContaining([expect.stringMatching(/council-tax/)]),
    );
  });

  it('finds services in Welsh, Polish, Arabic and Chinese', () => {
    expect(top('bin', 10)).toContain('missed-bin-collection');
    expect(top('śmieci', 10)).toEqual(expect.arrayContaining([expect.stringMatching(/bin|waste/)]));
    expect(top('smieci', 10)).toEqual(expect.arrayContaining([expect.stringMatching(/bin|waste/)]));
    expect(top('垃圾', 10)).toEqual(expect.arrayContaining([expect.stringMatching(/bin|waste/)]));
    expect(top('停车证', 10)).toContain('blue-badge');
    expect(top('藍章', 10)).toContain('blue-badge');
    expect(top('الشارة الزرقاء', 10)).toContain('blue-badge');
    expect(top('bathodyn glas', 10)).toContain('blue-badge');
  });

  it('finds services by the life event they belong to', () => {
    expect(top('bereavement', 10)).toContain('register-a-death');
  });
});
