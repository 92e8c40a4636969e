import { errorCatalogue } from '../shared/error-catalogue.js';
import { LaokeError, toError } from '../shared/errors.js';

// The CLI's two audiences: a person reads text, a script reads `--json` on stdout. Progress and
// logs always go to stderr so stdout stays clean for the script.

export interface Output {
  readonly json: boolean;
  /** Prints the command's result: JSON with --json, else the human text. */
  result(data: unknown, human: () => string): void;
  /** A note for the person at the terminal (stderr). */
  note(message: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(data, human) {
      process.stdout.write(json ? `${JSON.stringify(data)}\n` : `${human()}\n`);
    },
    note(message) {
      process.stderr.write(`${message}\n`);
    },
  };
}

/** Reports a failure the way the output mode wants, and returns the exit code. */
export function reportFailure(output: Output, thrown: unknown): number {
  const error = toError(thrown);
  if (error instanceof LaokeError) {
    if (output.json) {
      process.stdout.write(
        `${JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } })}\n`,
      );
    } else {
      const title = errorCatalogue[error.code];
      process.stderr.write(`✖ ${title.zh} / ${title.en} [${error.code}]\n  ${error.message}\n`);
    }
    return error.code === 'cli.invalid_argument' || error.code === 'request.invalid' ? 2 : 1;
  }
  if (output.json) {
    process.stdout.write(`${JSON.stringify({ error: { code: 'internal', message: error.message } })}\n`);
  } else {
    process.stderr.write(`✖ ${error.stack ?? error.message}\n`);
  }
  return 1;
}
