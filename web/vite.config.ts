import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard's own build: web/ is the root, the output lands in dist/web where the server
// serves it (src/server/web.ts). In development `npm run dev:web` proxies the API to a running
// `laoke serve` on port 3000.

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://localhost:3000';

// Vendor code changes far less often than ours, so it sits in its own long-cached chunks; ECharts
// is only loaded by the pages that draw charts. A group takes its modules' dependencies along, so
// React goes first (highest priority), or it would land inside the Ant Design chunk.
const vendorChunks = [
  {
    name: 'vendor-react',
    priority: 3,
    test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack|i18next|react-i18next)[\\/]/,
  },
  {
    name: 'vendor-antd',
    priority: 2,
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@emotion|stylis|dayjs)[\\/]/,
  },
  { name: 'vendor-echarts', priority: 1, test: /node_modules[\\/](echarts|zrender)[\\/]/ },
];

export default defineConfig(({ mode }) => ({
  root: webRoot,
  base: '/',
  publicDir: false,
  // React's production build and JSX transform follow the Vite mode, not a NODE_ENV the calling
  // process happens to have (vitest sets 'test' when the browser test builds the dashboard).
  oxc: { jsx: { runtime: 'automatic', development: mode !== 'production' } },
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'production' ? 'production' : 'development') },
  server: {
    proxy: { '/api': api, '/docs': api },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorChunks } },
      // antd and react-router mark their modules "use client" for React Server Components; in a
      // plain client bundle the directive means nothing, so its warning is noise.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
}));
