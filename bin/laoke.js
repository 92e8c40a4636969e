#!/usr/bin/env node
// The installed entry point runs the compiled CLI (npm run build); during development use
// `npm run laoke -- <command>`, which runs the TypeScript directly.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/node/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write(
    'Laoke is not built yet: run `npm run build` first (or `npm run laoke -- <command>`).\n',
  );
  process.exit(1);
}
await import(compiled.href);
