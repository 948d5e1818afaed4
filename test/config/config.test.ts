import path from 'node:path';

import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('uses safe defaults when nothing is set', () => {
    const config = loadConfig({});

    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.logLevel).toBe('info');
  });

  it('serves the console from dist/console of the package by default', () => {
    const packageRoot = path.resolve(__dirname, '../..');

    expect(loadConfig({}).consoleDir).toBe(path.join(packageRoot, 'dist', 'console'));
  });

  it('resolves ROSTER_CONSOLE_DIR against the working folder', () => {
    expect(loadConfig({ ROSTER_CONSOLE_DIR: 'public/admin' }).consoleDir).toBe(
      path.resolve('public/admin'),
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('strips the trailing slash of PUBLIC_URL', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://roster.example.com/' });

    expect(config.publicUrl).toBe('https://roster.example.com');
  });

  it('derives PUBLIC_URL from PORT when unset', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('rejects a port that is not a number, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(
      'invalid configuration: PORT="abc" must be a whole number',
    );
  });

  it('lists every invalid variable on one line', () => {
    let message = '';
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('PORT="70000" must be between 0 and 65535');
    expect(message).toContain(
      'DATABASE_URL=(value hidden) must be a postgres:// or postgresql:// URL',
    );
    expect(message).toContain('LOG_LEVEL="loud" must be one of fatal, error, warn');
    expect(message).not.toContain('\n');
  });

  it('hides the value of a rejected bootstrap token', () => {
    expect(() => loadConfig({ ROSTER_BOOTSTRAP_SCIM_TOKEN: 'short-secret' })).toThrow(
      'invalid configuration: ROSTER_BOOTSTRAP_SCIM_TOKEN=(value hidden) must have at least 32 characters',
    );
  });

  it('rejects a bootstrap admin email that is not an address', () => {
    expect(() => loadConfig({ ROSTER_BOOTSTRAP_ADMIN_EMAIL: 'admin' })).toThrow(
      'ROSTER_BOOTSTRAP_ADMIN_EMAIL="admin" must be an email address',
    );
  });

  it('reads the limit of discovered SCIM attributes', () => {
    expect(loadConfig({}).scimMaxDiscoveredAttributes).toBe(100);
    expect(loadConfig({ SCIM_MAX_DISCOVERED_ATTRIBUTES: '0' }).scimMaxDiscoveredAttributes).toBe(0);
    expect(() => loadConfig({ SCIM_MAX_DISCOVERED_ATTRIBUTES: '10001' })).toThrow(
      'invalid configuration: SCIM_MAX_DISCOVERED_ATTRIBUTES="10001" must be between 0 and 10000',
    );
  });

  it('reads CORS_ALLOWED_ORIGINS as a list of origins', () => {
    const config = loadConfig({
      CORS_ALLOWED_ORIGINS: 'https://a.example.com, http://localhost:5173',
    });

    expect(config.corsAllowedOrigins).toEqual(['https://a.example.com', 'http://localhost:5173']);
    expect(loadConfig({}).corsAllowedOrigins).toEqual([]);
  });

  it('rejects a CORS origin with a path', () => {
    expect(() => loadConfig({ CORS_ALLOWED_ORIGINS: 'https://a.example.com/app' })).toThrow(
      'CORS_ALLOWED_ORIGINS="https://a.example.com/app" must be a comma-separated list of ' +
        'origins such as https://app.example.com',
    );
  });

  it('hides the value of a rejected REDIS_URL', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://user:secret@cache' })).toThrow(
      'invalid configuration: REDIS_URL=(value hidden) must be a redis:// or rediss:// URL',
    );
  });

  it('caps SCIM_FILTER_MAX_DEPTH at what the parser allows', () => {
    expect(() => loadConfig({ SCIM_FILTER_MAX_DEPTH: '501' })).toThrow(
      'SCIM_FILTER_MAX_DEPTH="501" must be at most 500',
    );
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  it('reads the provisioning log settings with their defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.eventsEnabled).toBe(true);
    expect(defaults.eventRetentionDays).toBe(30);
    expect(defaults.eventRetentionIntervalSeconds).toBe(3600);
    expect(defaults.eventQueueSize).toBe(10000);
    expect(defaults.eventFlushIntervalMs).toBe(1000);
    expect(defaults.metricsToken).toBeUndefined();

    const set = loadConfig({ ROSTER_EVENTS_ENABLED: 'false', ROSTER_EVENT_RETENTION_DAYS: '7' });
    expect(set.eventsEnabled).toBe(false);
    expect(set.eventRetentionDays).toBe(7);
  });

  it('rejects invalid provisioning log settings', () => {
    expect(() => loadConfig({ ROSTER_EVENTS_ENABLED: 'yes' })).toThrow(
      'invalid configuration: ROSTER_EVENTS_ENABLED="yes" must be true or false',
    );
    expect(() => loadConfig({ ROSTER_EVENT_RETENTION_DAYS: '0' })).toThrow(
      'invalid configuration: ROSTER_EVENT_RETENTION_DAYS="0" must be greater than 0',
    );
  });

  it('hides the value of a rejected metrics token', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(
      'invalid configuration: METRICS_TOKEN=(value hidden) must have at least 16 characters',
    );
  });
});
