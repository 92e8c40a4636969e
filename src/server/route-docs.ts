import { permissionGrants } from '../auth/permissions.js';
import type { RouteCatalogue } from './auth-hooks.js';

export const ROUTE_TABLE_START = '<!-- routes:start (npm run docs:api) -->';
export const ROUTE_TABLE_END = '<!-- routes:end -->';

const accessText = { public: 'anyone', user: 'signed in or token', session: 'signed-in person' } as const;

/** The Markdown table of every API route and who may call it, for docs/api.md. */
export function routeTable(catalogue: RouteCatalogue): string {
  const rows = [...catalogue]
    .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method))
    .map((route) => {
      const roles = route.permission ? permissionGrants[route.permission].join(', ') : '';
      return `| ${route.method} | \`${route.url}\` | ${accessText[route.access]} | ${route.permission ?? ''} | ${roles} |`;
    });
  return ['| method | path | caller | permission | roles |', '|---|---|---|---|---|', ...rows].join('\n');
}
