import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The browser test runs against the built dashboard, as the server serves it. `npm test` right
// after `npm install` has no dist/web yet, and an edited page makes an old build lie: rebuild then.

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const webDir = join(repoRoot, 'dist', 'web');

// Server files the dashboard imports (pure data and tables) count as its sources too.
const sharedSources = [
  'src/shared/error-catalogue.ts',
  'src/shared/money.ts',
  'src/auth/permissions.ts',
  'package.json',
];

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/** Why the dashboard needs building, or undefined when dist/web is newer than every source. */
export function staleReason(): string | undefined {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) return 'dist/web/index.html is missing';
  const built = statSync(index).mtimeMs;
  const sources = [join(repoRoot, 'web'), ...sharedSources.map((file) => join(repoRoot, file))];
  const changed = sources.find((source) => existsSync(source) && newestChange(source) > built);
  return changed ? `${changed.slice(repoRoot.length)} changed after the last build` : undefined;
}

/** Builds dist/web with Vite when it is missing or older than its sources. */
export async function ensureDashboardBuilt(): Promise<void> {
  const reason = staleReason();
  if (!reason) return;
  console.info(`[laoke] building the dashboard for the browser test: ${reason}`);
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'web', 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
}
