// `npm run pack -- …`: see src/server/features/pack/pack-cli.ts.
import { resolve } from 'node:path';
import { runPackCommand } from '../src/server/features/pack/pack-cli.ts';
import { openStorage } from '../src/server/storage.ts';

process.exitCode = await runPackCommand(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  openStorage: () =>
    openStorage({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: resolve(process.env.DATA_DIR ?? 'data'),
    }),
});
