// Khooshe's /admin/ bundle: Sveltia CMS and everything it loads (its Persian strings, its code
// chunks) built into one folder served by the site itself, so the admin makes no request to a CDN.
// Output: the folder given as KHOOSHE_ADMIN_OUT (plugins/views/admin/bundle.py sets it), with
// .vite/manifest.json naming the entry script and its CSS for the page template.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: process.env.KHOOSHE_ADMIN_OUT ?? 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    // The CMS is one large app; the warning says nothing an editor or a reviewer can act on.
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: 'main.js' },
  },
});
