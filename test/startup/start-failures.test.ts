import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { startRosterProcess } from '../helpers/roster-process';

describe('main start-up', () => {
  it('exits with one readable line when PORT is not a number', async () => {
    const started = Date.now();
    const roster = startRosterProcess({ PORT: 'abc' });

    const code = await roster.exited;

    expect(code).toBe(1);
    expect(roster.stderr()).toBe(
      'roster: invalid configuration: PORT="abc" must be a whole number\n',
    );
    expect(Date.now() - started).toBeLessThan(10000);
  });

  it('exits within 10 s with one readable line when DATABASE_URL is unreachable', async () => {
    const started = Date.now();
    const roster = startRosterProcess({
      DATABASE_URL: 'postgres://roster:s3cret-pass@127.0.0.1:1/roster',
      PORT: '0',
    });

    const code = await roster.exited;
    const stderr = roster.stderr();

    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^roster: cannot connect to postgres:\/\/roster@127\.0\.0\.1:1\/roster: .*ECONNREFUSED.*\n$/,
    );
    expect(stderr).not.toContain('s3cret-pass');
    expect(Date.now() - started).toBeLessThan(10000);
  });

  it('exits with one readable line when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;

    try {
      const roster = startRosterProcess({ PORT: String(port), HOST: '127.0.0.1' });
      const code = await roster.exited;

      expect(code).toBe(1);
      expect(roster.stderr()).toBe(
        `roster: port ${port} on 127.0.0.1 is in use; stop that process or set PORT\n`,
      );
    } finally {
      blocker.close();
    }
  });
});
