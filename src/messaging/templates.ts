// Message templates with variables in braces, in Chinese or English: {姓名} or {name}, with an
// optional fallback after a bar for customers without the value: {姓名|亲}. A template is checked
// once (unknown variables are refused, naming the known ones) and then rendered per customer.

/** The variables a template may use, each with its Chinese name first. */
export const templateVariables = {
  name: ['姓名', 'name'],
  nick: ['昵称', 'nick'],
  coupon: ['券码', 'coupon', '优惠券'], // {优惠券} too: what operators call it
  couponValue: ['券面额', 'couponValue'],
  tier: ['会员等级', 'tier'],
  points: ['积分', 'points'],
  store: ['店铺名', 'store'],
  lastProduct: ['上次购买', 'lastProduct'],
  link: ['链接', 'link'],
} as const;

export type TemplateVariable = keyof typeof templateVariables;
export type TemplateValues = Partial<Record<TemplateVariable, string | number | null>>;

const byAlias = new Map<string, TemplateVariable>(
  Object.entries(templateVariables).flatMap(([key, aliases]) =>
    aliases.map((alias) => [alias.toLowerCase(), key as TemplateVariable] as const),
  ),
);

type Piece = string | { readonly variable: TemplateVariable; readonly fallback: string };

export interface Template {
  readonly source: string;
  readonly pieces: readonly Piece[];
  /** The variables it uses, each once, in order of first use. */
  readonly variables: readonly TemplateVariable[];
}

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const knownNames = () =>
  Object.values(templateVariables)
    .map(([zh, en]) => `{${zh}} / {${en}}`)
    .join(', ');

/** Parses a template; `{{` and `}}` stand for literal braces. */
export function parseTemplate(source: string): Template {
  const pieces: Piece[] = [];
  const variables: TemplateVariable[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if ((ch === '{' || ch === '}') && source[i + 1] === ch) {
      text += ch;
      i += 2;
      continue;
    }
    if (ch === '}')
      throw new TemplateError(`A "}" at position ${i + 1} closes nothing: write }} for a brace.`, i);
    if (ch !== '{') {
      text += ch;
      i += 1;
      continue;
    }
    const end = source.indexOf('}', i + 1);
    if (end < 0)
      throw new TemplateError(`The "{" at position ${i + 1} is never closed: expected {variable}.`, i);
    const inner = source.slice(i + 1, end);
    const bar = inner.indexOf('|');
    const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const variable = byAlias.get(name.toLowerCase());
    if (!variable)
      throw new TemplateError(
        `Unknown variable {${name}} at position ${i + 1}: expected one of ${knownNames()}.`,
        i,
      );
    if (text) pieces.push(text);
    text = '';
    pieces.push({ variable, fallback: bar < 0 ? '' : inner.slice(bar + 1) });
    if (!variables.includes(variable)) variables.push(variable);
    i = end + 1;
  }
  if (text) pieces.push(text);
  return { source, pieces, variables };
}

/** The template with one customer's values; a missing or empty value takes its fallback. */
export function renderTemplate(template: Template, values: TemplateValues): string {
  return template.pieces
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      const value = values[piece.variable];
      return value === null || value === undefined || String(value).trim() === ''
        ? piece.fallback
        : String(value);
    })
    .join('');
}
