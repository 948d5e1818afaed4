import type { ParseSource } from './errors';

/** Limits that keep hostile input cheap to reject. */
export interface ParseOptions {
  /** Maximum input length in UTF-16 code units. */
  readonly maxLength?: number;
  /** Maximum nesting of `(…)`, `not (…)` and `[…]`, each of which counts as one level. */
  readonly maxDepth?: number;
  /**
   * Names that error messages give the limits, such as the configuration variable that sets
   * them; `maxLength` and `maxDepth` when absent.
   */
  readonly limitNames?: Partial<LimitNames>;
}

export interface LimitNames {
  readonly maxLength: string;
  readonly maxDepth: string;
}

export interface ParseLimits {
  readonly maxLength: number;
  readonly maxDepth: number;
  readonly names: LimitNames;
}

/**
 * Ceiling for `maxDepth`. The parser and printer recurse a few frames per level, and 500 levels
 * stay far below Node's default stack size.
 */
export const MAX_DEPTH_CEILING = 500;

export const DEFAULT_PARSE_LIMITS: ParseLimits = Object.freeze({
  maxLength: 4096,
  maxDepth: 32,
  names: Object.freeze({ maxLength: 'maxLength', maxDepth: 'maxDepth' }),
});

/** Merges options over the defaults, rejecting values that are not positive whole numbers. */
export function resolveLimits(options: ParseOptions = {}): ParseLimits {
  const limits = {
    maxLength: options.maxLength ?? DEFAULT_PARSE_LIMITS.maxLength,
    maxDepth: options.maxDepth ?? DEFAULT_PARSE_LIMITS.maxDepth,
    names: { ...DEFAULT_PARSE_LIMITS.names, ...definedOnly(options.limitNames ?? {}) },
  };

  for (const name of ['maxLength', 'maxDepth'] as const) {
    const value = limits[name];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`parse option ${name} must be a positive whole number, got ${value}`);
    }
  }

  if (limits.maxDepth > MAX_DEPTH_CEILING) {
    throw new RangeError(
      `parse option maxDepth must be at most ${MAX_DEPTH_CEILING}, got ${limits.maxDepth}`,
    );
  }

  return limits;
}

/** Rejects input longer than `maxLength` before any work is done on it. */
export function checkLength(source: ParseSource, limits: ParseLimits): void {
  const length = source.text.length;
  if (length <= limits.maxLength) {
    return;
  }

  source.fail(
    `${source.subject} is ${length} characters long, over the maximum length of ` +
      `${limits.maxLength} (${limits.names.maxLength}); shorten it`,
    limits.maxLength,
    '',
  );
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
