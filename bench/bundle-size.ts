// bundle: the JavaScript a first visit loads before the first screen (the entry script and
// the modules index.html preloads), gzip-compressed, from the production build in dist/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function firstLoadJs(distDir = 'dist'): { files: string[]; kbGzip: number; kbRaw: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1] ?? '');
  let gzip = 0;
  let raw = 0;
  for (const file of new Set(files)) {
    const bytes = readFileSync(join(distDir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return {
    files: [...new Set(files)],
    kbGzip: Math.round(gzip / 102.4) / 10,
    kbRaw: Math.round(raw / 102.4) / 10,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(firstLoadJs());
