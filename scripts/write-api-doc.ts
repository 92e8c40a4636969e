import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { buildApp } from '../src/server/app.js';
import { ROUTE_TABLE_END, ROUTE_TABLE_START, routeTable } from '../src/server/route-docs.js';
import { systemClock } from '../src/shared/time.js';

// Rewrites the route table in docs/api.md from the running app's route catalogue.
const database = await openDatabase('sqlite::memory:');
const app = await buildApp(
  { database, clock: systemClock, config: loadConfig({ LAOKE_LOG_LEVEL: 'silent' }) },
  { logger: false },
);
await app.ready();
const path = 'docs/api.md';
const text = readFileSync(path, 'utf8');
const start = text.indexOf(ROUTE_TABLE_START) + ROUTE_TABLE_START.length;
const end = text.indexOf(ROUTE_TABLE_END);
writeFileSync(path, `${text.slice(0, start)}\n${routeTable(app.routeCatalogue)}\n${text.slice(end)}`);
await app.close();
await database.close();
