import { describe, expect, it } from 'vitest';
import { ACCESS_POINT_KINDS } from '../../../shared/access-point.ts';
import { buildChecklist } from '../../../shared/audit-checklist.ts';
import { PACK_LANGUAGES } from '../../../shared/pack/local-text.ts';
import { validatePack } from '../../../shared/pack/validate-pack.ts';
import { buildDemoPack, readDemoContent, readLgsl } from './build-demo-pack.ts';

describe('demo pack', () => {
  const result = validatePack(buildDemoPack());

  it('is a valid pack', () => {
    expect(result.ok ? [] : result.errors.slice(0, 20)).toEqual([]);
  });

  it('carries every live LGSL service with its identifier', () => {
    if (!result.ok) throw new Error('invalid');
    const live = readLgsl().filter((r) => r.Status === 'Live');
    expect(live).toHaveLength(978);
    const lgsl = new Set(result.pack.services.map((s) => s.lgsl));
    for (const row of live) expect(lgsl.has(Number(row.Identifier))).toBe(true);
  });

  it('has 12 or more access points of every kind, with hours or a route', () => {
    if (!result.ok) throw new Error('invalid');
    const kinds = new Set(result.pack.accessPoints.map((a) => a.kind));
    expect(result.pack.accessPoints.length).toBeGreaterThanOrEqual(12);
    for (const kind of ACCESS_POINT_KINDS) expect(kinds.has(kind), kind).toBe(true);
    for (const ap of result.pack.accessPoints) {
      expect(ap.openingHours.length + (ap.route?.length ?? 0)).toBeGreaterThan(0);
    }
  });

  it('authors 40+ services with process maps and commitments in all six languages', () => {
    if (!result.ok) throw new Error('invalid');
    const content = readDemoContent();
    expect(content.services.length).toBeGreaterThanOrEqual(40);
    for (const { id, name, description } of content.services) {
      const commitment = content.commitments.find((c) => c.serviceId === id);
      const map = content.processMaps.find((m) => m.serviceId === id);
      if (!commitment || !map) throw new Error(`${id} has no commitment or no process map`);
      for (const lng of PACK_LANGUAGES) {
        expect(name[lng], `${id} name in ${lng}`).toBeTruthy();
        expect(description[lng], `${id} description in ${lng}`).toBeTruthy();
        expect(commitment.promise[lng], `${id} promise in ${lng}`).toBeTruthy();
        for (const step of map.steps) {
          expect(step.staff[lng], `${id} ${step.id} staff in ${lng}`).toBeTruthy();
          expect(step.citizen[lng], `${id} ${step.id} citizen in ${lng}`).toBeTruthy();
        }
      }
    }
  });

  it('gives every kind of place an audit checklist, in all six languages', () => {
    if (!result.ok) throw new Error('invalid');
    const { standards, commitments } = result.pack;
    for (const st of standards) {
      for (const lng of PACK_LANGUAGES) {
        expect(st.title[lng], `${st.id} title in ${lng}`).toBeTruthy();
        for (const check of st.checks)
          expect(check.prompt[lng], `${st.id}/${check.id}`).toBeTruthy();
        if (st.commitments) expect(st.commitments.prompt[lng]).toBeTruthy();
      }
    }
    for (const ap of result.pack.accessPoints) {
      const items = buildChecklist({ standards, commitments }, ap);
      const standardIds = new Set(items.map((i) => i.standardId));
      expect(standardIds.has('information'), ap.id).toBe(true);
      if (ap.kind !== 'kiosk') {
        expect(standardIds.has('welcome'), ap.id).toBe(true);
        // Every level-1 promise of the place's face-to-face services is checked.
        const promised = commitments.filter((c) => ap.faceToFaceServiceIds.includes(c.serviceId));
        expect(items.filter((i) => i.standardId === 'promises')).toHaveLength(promised.length);
      }
    }
    const council = result.pack.accessPoints.find((ap) => ap.id === 'civic-centre');
    const councilItems = buildChecklist({ standards, commitments }, council!);
    expect(councilItems.map((i) => i.id)).toContain(
      'blue-badge-documents/documents-listed/blue-badge',
    );
  });
});
