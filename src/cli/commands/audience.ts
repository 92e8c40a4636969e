import { createWriteStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { type AudienceDefinition, audienceDefinitionSchema } from '../../audiences/definition.js';
import { findReadyMade, readyMadeAudiences } from '../../audiences/ready-made.js';
import { type AudienceSource, countAudience, exportAudience, getAudience } from '../../audiences/service.js';
import { cliActor } from '../../audit/actor.js';
import type { AppContext } from '../../context.js';
import { LaokeError, toError } from '../../shared/errors.js';
import type { StoreId } from '../../shared/ids.js';
import { cliAccess, createRuntime, requireStore } from '../runtime.js';

// laoke audience count|export: an audience (a definition file, a ready-made one, or a saved one)
// counted or exported from a terminal. The CLI acts as the store's owner; exports are audited as "cli".

interface SourceOptions {
  definition?: string;
  ready?: string;
  saved?: string;
}

function addSourceOptions(command: Command): Command {
  return command
    .option('--definition <file.json>', 'an audience definition (see docs/audiences.md)')
    .option('--ready <key>', `a ready-made audience: ${readyMadeAudiences.map((a) => a.key).join(', ')}`)
    .option('--saved <id>', 'a saved audience of the store');
}

function readDefinition(file: string): AudienceDefinition {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (thrown) {
    throw new LaokeError('cli.invalid_argument', `--definition ${file}: ${toError(thrown).message}`);
  }
  const parsed = audienceDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LaokeError('cli.invalid_argument', `${file}: ${issue.path.join('.')}: ${issue.message}`, {
      issues: parsed.error.issues.slice(0, 5),
    });
  }
  return parsed.data;
}

/** The one audience the options name. */
async function sourceOf(ctx: AppContext, storeId: StoreId, options: SourceOptions): Promise<AudienceSource> {
  const given = [options.definition, options.ready, options.saved].filter((value) => value !== undefined);
  if (given.length !== 1)
    throw new LaokeError(
      'cli.invalid_argument',
      'Name the audience with one of --definition, --ready or --saved.',
    );
  if (options.definition !== undefined)
    return { kind: 'definition', definition: readDefinition(options.definition) };
  if (options.ready !== undefined) {
    const ready = findReadyMade(options.ready);
    if (!ready)
      throw new LaokeError(
        'audience.unknown_ready_made',
        `No ready-made audience "${options.ready}"; expected one of ${readyMadeAudiences.map((a) => a.key).join(', ')}.`,
      );
    return { kind: 'ready', key: ready.key, definition: ready.definition };
  }
  if (!/^\d+$/.test(options.saved!))
    throw new LaokeError('cli.invalid_argument', `--saved expects an audience id, got "${options.saved}".`);
  const id = Number(options.saved);
  await getAudience(ctx, storeId, id); // audience.not_found before anything else
  return { kind: 'saved', id };
}

export function registerAudience(program: Command): void {
  const audience = program.command('audience').description('Audiences / 人群: count and export');

  addSourceOptions(
    audience.command('count').description('How many customers of --store the audience holds now / 人群人数'),
  ).action(async (options: SourceOptions, command: Command) => {
    const runtime = createRuntime(command);
    await runtime.withContext(async (ctx) => {
      const storeId = await requireStore(ctx, runtime.options.store);
      const access = await cliAccess(ctx, storeId);
      const source = await sourceOf(ctx, storeId, options);
      const definition =
        source.kind === 'saved' ? (await getAudience(ctx, storeId, source.id)).definition : source.definition;
      const result = await countAudience(ctx, access, definition);
      runtime.output.result(
        result,
        () =>
          `${result.count.toLocaleString('en')} customers${result.sample.length ? ` (e.g. ${result.sample.join(', ')})` : ''}`,
      );
    });
  });

  addSourceOptions(
    audience
      .command('export')
      .description('Export the audience’s customers to CSV or XLSX (audited) / 导出人群')
      .requiredOption('--output <file>', 'the file to write (.csv or .xlsx)')
      .addOption(new Option('--format <format>').choices(['csv', 'xlsx'])),
  ).action(async (options: SourceOptions & { output: string; format?: 'csv' | 'xlsx' }, command: Command) => {
    const runtime = createRuntime(command);
    const format = options.format ?? (options.output.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
    await runtime.withContext(async (ctx) => {
      const storeId = await requireStore(ctx, runtime.options.store);
      const access = await cliAccess(ctx, storeId);
      const source = await sourceOf(ctx, storeId, options);
      const file = await exportAudience(ctx, access, cliActor(), source, { format, language: 'zh-CN' });
      await pipeline(file.stream, createWriteStream(options.output));
      runtime.output.result({ file: options.output, format }, () => `Wrote ${options.output} (${format}).`);
    });
  });
}
