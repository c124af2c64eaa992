// `npm start`: builds the PWA when the build is missing or older than its sources, then runs
// the server on embedded defaults.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src/client', 'src/shared', 'public', 'index.html', 'vite.config.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path).map((entry) => newestMtime(join(path, entry))),
  );
}

const built = 'dist/index.html';
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(...SOURCES.map(newestMtime))) {
  console.log('Building the app…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' });
}
await import('../src/server/main.ts');
