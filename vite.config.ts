import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: { target: 'es2022', sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:8080', '/healthz': 'http://localhost:8080' } },
  plugins: [
    react(),
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
