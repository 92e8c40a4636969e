import { isApiError } from '../../../api/client';

export interface TemplateProblem {
  /** Where in the body, counted from 1 as people count characters. */
  readonly position: number;
  readonly message: string;
}

/** A preview refused for the template itself (an unknown variable, an unclosed brace). */
export function templateProblem(error: unknown): TemplateProblem | undefined {
  if (!isApiError(error) || error.status !== 400) return undefined;
  const position = error.details.position;
  if (typeof position !== 'number') return undefined;
  return { position: position + 1, message: error.message };
}
