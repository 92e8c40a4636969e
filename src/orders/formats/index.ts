import { LaokeError } from '../../shared/errors.js';
import type { Cell } from '../source/types.js';
import { cdnowFormat } from './cdnow.js';
import type { FormatName, OrderFormat } from './format.js';
import { genericFormat } from './generic.js';
import type { ColumnMap } from './generic-map.js';
import { shopifyFormat } from './shopify.js';
import { taobaoFormat } from './taobao.js';
import { taobaoItemsFormat } from './taobao-items.js';

/** Every format, in the order detection tries them. */
export const formats: readonly OrderFormat[] = [
  taobaoFormat,
  taobaoItemsFormat,
  shopifyFormat,
  cdnowFormat,
  genericFormat,
];

export function formatByName(name: FormatName): OrderFormat {
  const format = formats.find((candidate) => candidate.name === name);
  if (!format)
    throw new LaokeError(
      'import.unknown_format',
      `No format "${name}"; formats: ${formats.map((f) => f.name).join(', ')}`,
    );
  return format;
}

/** The format whose header the first record matches, or import.unknown_format saying what was expected. */
export function detectFormat(first: readonly Cell[], maps: readonly { name: string; map: ColumnMap }[]) {
  for (const format of formats) {
    if (format.name === 'generic') {
      const saved = maps.find(({ map }) => format.detect(first, map).matches);
      if (saved) return { format, headerIsData: false, map: saved };
      continue;
    }
    const detection = format.detect(first);
    if (detection.matches) return { format, headerIsData: detection.headerIsData, map: undefined };
  }
  const header = first.map((value) => String(value ?? '')).slice(0, 12);
  const expected = formats.map((format) => `${format.label}: ${format.expected.join(', ')}`).join('; ');
  throw new LaokeError(
    'import.unknown_format',
    `No known export format matches this header (${header.join(', ')}${first.length > 12 ? ', …' : ''}). Expected, for example — ${expected}. For other files save a column map and use --map.`,
    { header },
  );
}
