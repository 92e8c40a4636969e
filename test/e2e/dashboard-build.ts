import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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
  'src/shared/segment-names.ts',
  'src/auth/permissions.ts',
  'src/messaging/templates.ts',
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

// Browser test files run in parallel workers and each asks for the build: one builds (Vite empties
// dist/web first), the others wait for its lock. mkdir is atomic, so it is the lock; a lock left
// by a killed run is taken over once it is older than any build takes.
const lockDir = join(repoRoot, 'dist', '.web-build.lock');
const LOCK_STALE_MS = 5 * 60_000;

function someoneBuilding(): boolean {
  try {
    return Date.now() - statSync(lockDir).mtimeMs < LOCK_STALE_MS;
  } catch {
    return false; // no lock
  }
}

function tryLock(): boolean {
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  try {
    mkdirSync(lockDir);
    return true;
  } catch {
    // Taken: by another worker (wait for it), or left by a killed run (clear it, then try again).
    if (!someoneBuilding()) rmSync(lockDir, { recursive: true, force: true });
    return false;
  }
}

/** Builds dist/web with Vite when it is missing or older than its sources. */
export async function ensureDashboardBuilt(): Promise<void> {
  for (;;) {
    // A build in progress may have written index.html before the rest: wait for its lock to go.
    const building = someoneBuilding();
    if (!building && !staleReason()) return;
    if (!building && tryLock()) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    const reason = staleReason(); // another worker may have built it meanwhile
    if (!reason) return;
    console.info(`[laoke] building the dashboard for the browser test: ${reason}`);
    const { build } = await import('vite');
    await build({
      configFile: join(repoRoot, 'web', 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
    });
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
