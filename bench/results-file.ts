// bench/results.json is shared by several benchmarks: each writes only its own keys.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export type Results = Record<string, unknown>;

export function mergeResults(file: string, figures: Results): Results {
  let existing: Results = {};
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    if (text.trim() !== '') {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error(`${file} does not hold a JSON object; not overwriting it`);
      }
      existing = parsed as Results;
    }
  }
  const merged = { ...existing, ...figures };
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}
