import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Writes a .br and a .gz beside the build's scripts, styles and language files, once, at build
 * time: the hub serves them (@fastify/static preCompressed) to a browser that accepts them, so
 * a first visit downloads about a third of the bytes without the hub compressing on every
 * request. Only under assets/ (names change with content) and locales/: the service worker and
 * index.html keep their names across releases and are small, and a copy of one left behind by
 * an update that replaced only the file would be served instead of it.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'anydoor-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle: {
      order: 'post',
      handler() {
        const walk = (dir: string): string[] =>
          readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
            entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
          );
        for (const file of walk(outDir)) {
          if (!/[/\\](?:assets|locales)[/\\].+\.(?:js|css|svg|json)$/.test(file)) continue;
          const bytes = readFileSync(file);
          if (bytes.length < 1024) continue;
          writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
          writeFileSync(
            `${file}.br`,
            brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
          );
        }
      },
    },
  };
}

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/**
 * The app is written against React's API and types, and runs on Preact's compatibility layer:
 * the same components in about 5 KB instead of React DOM's 60 KB (gzip), which a kiosk and a
 * phone on a slow link download before the first screen. Every library that imports React
 * (React Router, react-i18next, dexie-react-hooks) gets Preact too, through these aliases.
 */
const preact = [
  {
    find: /^react$/,
    replacement: fileURLToPath(new URL('src/client/react-on-preact.ts', import.meta.url)),
  },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
];

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  resolve: { alias: preact },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { target: 'es2022', sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:8080', '/healthz': 'http://localhost:8080' } },
  plugins: [
    precompress(),
    VitePWA({
      registerType: 'prompt',
      // Registered by src/client/pwa/service-worker.ts with workbox-window: no inline script.
      injectRegister: false,
      // Icons are generated from public/logo.svg at build time; nothing is downloaded.
      pwaAssets: { image: 'public/logo.svg', preset: 'minimal-2023', overrideManifestIcons: true },
      includeAssets: ['logo.svg'],
      manifest: {
        name: 'AnyDoor',
        short_name: 'AnyDoor',
        description: 'Serve anyone, for any public service, at any door — online or offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f3f5f8',
        theme_color: '#073763',
        lang: 'en',
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [
          /^\/api\//,
          /^\/healthz/,
          /^\/track/,
          /^\/survey/,
          /^\/review\//,
          /^\/hsds/,
          /^\/open311/,
        ],
        cleanupOutdatedCaches: true,
        // Other languages are cached when first chosen, then work offline.
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/locales/'),
            handler: 'StaleWhileRevalidate',
            options: { cacheName: 'anydoor-locales' },
          },
        ],
      },
    }),
  ],
});
