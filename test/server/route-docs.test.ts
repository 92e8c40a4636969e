import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTE_TABLE_END, ROUTE_TABLE_START, routeTable } from '../../src/server/route-docs.js';
import { testApp, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

describe('docs/api.md', () => {
  const handle = withTestDatabase(testDatabases()[0]!);

  it('lists every route with who may call it (npm run docs:api rewrites it)', async () => {
    const app = await testApp(testContext(handle.get()));
    const text = readFileSync('docs/api.md', 'utf8');
    const documented = text
      .slice(text.indexOf(ROUTE_TABLE_START) + ROUTE_TABLE_START.length, text.indexOf(ROUTE_TABLE_END))
      .trim();
    expect(documented).toBe(routeTable(app.routeCatalogue));
    await app.close();
  });
});
