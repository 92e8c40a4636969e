import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LaokeError } from './shared/errors.js';
import { parseSecretKey } from './shared/secrets.js';

// The only reader of process.env. Every setting, its variable and its default are here; the
// result is frozen and passed down from main. README's configuration table mirrors this list.

const packageRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/\/dist\/?$/, '/');

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LAOKE_DATABASE_URL: z.string().min(1).default('sqlite:./data/laoke.db'),
  LAOKE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LAOKE_DEMO: z.enum(['auto', 'off']).default('auto'),
  LAOKE_DEMO_CUSTOMERS: z.coerce.number().int().min(10).max(5_000_000).default(20_000),
  LAOKE_DEMO_SEED: z.coerce.number().int().default(1),
  LAOKE_DEMO_PASSWORD: z.string().min(8).default('laoke-demo'),
  LAOKE_COOKIE_SECURE: flag.default(false),
  LAOKE_SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  LAOKE_TRUST_PROXY: flag.default(false),
  LAOKE_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  // OWASP's floor for argon2id is 19 MiB, t=2, p=1. Measured on the 2-core target (bench/README.md,
  // "argon2id"): 19 MiB costs 22 ms at t=2 and 46 ms at t=4, but 32 MiB jumps to 150 ms (past the
  // CPU cache), so the default doubles the passes rather than the memory.
  LAOKE_ARGON2_MEMORY_KIB: z.coerce.number().int().min(19_456).default(19_456),
  LAOKE_ARGON2_TIME_COST: z.coerce.number().int().min(2).default(4),
  LAOKE_ARGON2_PARALLELISM: z.coerce.number().int().min(1).default(1),
  LAOKE_WEB_DIR: z.string().min(1).optional(),
  // How long an import may go quiet before another process may take over (resume) its run.
  LAOKE_IMPORT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  LAOKE_UPLOAD_DIR: z.string().min(1).default('./data/uploads'),
  LAOKE_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(65_536).default(4_096),
  // Seals provider keys and webhook secrets in the database and signs unsubscribe links.
  LAOKE_SECRET_KEY: z.string().min(1).optional(),
  // Where customers and providers reach this server (unsubscribe links, receipt webhooks).
  LAOKE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Whether `laoke serve` also dispatches the outbox (off when dispatchers run on their own).
  LAOKE_DISPATCHER: flag.default(true),
  // Live audience counts from columns in memory (src/audiences/snapshot): how many stores to keep
  // (0: off, every count reads the database), and how old a snapshot may still answer once the
  // database has changed since it was read (0: only while nothing has changed).
  LAOKE_LIVE_COUNT_STORES: z.coerce.number().int().min(0).max(64).default(4),
  LAOKE_LIVE_COUNT_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  // A CJK font file for PDF reports (.ttf, .otf or .ttc); unset: the Debian font paths are tried.
  LAOKE_PDF_FONT: z.string().min(1).optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly logLevel: z.infer<typeof envSchema>['LAOKE_LOG_LEVEL'];
  readonly demo: {
    readonly mode: 'auto' | 'off';
    readonly customers: number;
    readonly seed: number;
    readonly login: string;
    readonly password: string;
  };
  readonly auth: {
    readonly cookieSecure: boolean;
    readonly sessionTtlMs: number;
    readonly loginRateLimitPerMinute: number;
    readonly argon2: { readonly memoryKib: number; readonly timeCost: number; readonly parallelism: number };
  };
  readonly trustProxy: boolean;
  readonly webDir: string;
  readonly import: { readonly leaseMs: number; readonly uploadDir: string; readonly uploadMaxBytes: number };
  readonly messaging: {
    /** LAOKE_SECRET_KEY: null when not set, and then no provider key can be stored. */
    readonly secretKey: Buffer | null;
    /** The server's address as customers and providers reach it, without a trailing slash. */
    readonly publicUrl: string;
    readonly dispatcher: boolean;
  };
  readonly liveCount: { readonly stores: number; readonly maxAgeMs: number };
  /** LAOKE_PDF_FONT: the font for Chinese in PDF reports; null: look in the Debian font paths. */
  readonly pdfFont: string | null;
}

/** Reads and validates the configuration from an environment (process.env in main). */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new LaokeError('config.invalid', `Invalid configuration: ${problems.join('; ')}`, { problems });
  }
  const e = parsed.data;
  const secretKey = e.LAOKE_SECRET_KEY === undefined ? null : parseSecretKey(e.LAOKE_SECRET_KEY);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.LAOKE_DATABASE_URL,
    logLevel: e.LAOKE_LOG_LEVEL,
    demo: Object.freeze({
      mode: e.LAOKE_DEMO,
      customers: e.LAOKE_DEMO_CUSTOMERS,
      seed: e.LAOKE_DEMO_SEED,
      login: 'demo',
      password: e.LAOKE_DEMO_PASSWORD,
    }),
    auth: Object.freeze({
      cookieSecure: e.LAOKE_COOKIE_SECURE,
      sessionTtlMs: e.LAOKE_SESSION_TTL_HOURS * 3_600_000,
      loginRateLimitPerMinute: e.LAOKE_LOGIN_RATE_LIMIT,
      argon2: Object.freeze({
        memoryKib: e.LAOKE_ARGON2_MEMORY_KIB,
        timeCost: e.LAOKE_ARGON2_TIME_COST,
        parallelism: e.LAOKE_ARGON2_PARALLELISM,
      }),
    }),
    trustProxy: e.LAOKE_TRUST_PROXY,
    webDir: e.LAOKE_WEB_DIR ?? `${packageRoot}dist/web`,
    import: Object.freeze({
      leaseMs: e.LAOKE_IMPORT_LEASE_SECONDS * 1000,
      uploadDir: e.LAOKE_UPLOAD_DIR,
      uploadMaxBytes: e.LAOKE_UPLOAD_MAX_MB * 1024 * 1024,
    }),
    messaging: Object.freeze({
      secretKey,
      publicUrl: (e.LAOKE_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
      dispatcher: e.LAOKE_DISPATCHER,
    }),
    liveCount: Object.freeze({
      stores: e.LAOKE_LIVE_COUNT_STORES,
      maxAgeMs: e.LAOKE_LIVE_COUNT_MAX_AGE_SECONDS * 1000,
    }),
    pdfFont: e.LAOKE_PDF_FONT ?? null,
  });
}
