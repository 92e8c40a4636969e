import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { parseDatabaseUrl, redactUrl } from '../src/db/database.js';
import { LaokeError } from '../src/shared/errors.js';

describe('configuration', () => {
  it('defaults to SQLite in ./data, port 3000 and a 20,000-customer demo', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:./data/laoke.db',
      demo: { mode: 'auto', customers: 20_000 },
    });
    expect(config.auth.argon2).toEqual({ memoryKib: 19_456, timeCost: 4, parallelism: 1 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every variable that is wrong', () => {
    try {
      loadConfig({ PORT: 'eighty', LAOKE_ARGON2_MEMORY_KIB: '1024' });
      expect.unreachable();
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(LaokeError);
      const error = thrown as LaokeError;
      expect(error.code).toBe('config.invalid');
      expect(error.message).toContain('PORT');
      expect(error.message).toContain('LAOKE_ARGON2_MEMORY_KIB');
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });
});

describe('database URLs', () => {
  it('reads sqlite and postgres URLs', () => {
    expect(parseDatabaseUrl('sqlite:/var/lib/laoke.db')).toEqual({
      dialect: 'sqlite',
      file: '/var/lib/laoke.db',
    });
    expect(parseDatabaseUrl('sqlite:./data/x.db')).toEqual({ dialect: 'sqlite', file: './data/x.db' });
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://u@h/db',
    });
  });

  it('refuses other URLs without printing the password', () => {
    expect(() => parseDatabaseUrl('mysql://root:hunter2@db/laoke')).toThrow(
      /mysql:\/\/root:\*\*\*@db\/laoke/,
    );
    expect(redactUrl('postgres://laoke:s3cret@db:5432/laoke')).toBe('postgres://laoke:***@db:5432/laoke');
  });
});
