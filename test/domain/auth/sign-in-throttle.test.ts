import { SignInThrottle } from '../../../src/domain/auth/sign-in-throttle';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('SignInThrottle', () => {
  it('blocks an account after maxFailures from one address', async () => {
    const throttle = new SignInThrottle({ maxFailures: 3, windowSeconds: 60 });

    const waits = [];
    for (let index = 0; index < 3; index += 1) {
      waits.push(await throttle.secondsUntilAllowed('acme\nada', '10.0.0.1'));
      await throttle.recordFailure('acme\nada', '10.0.0.1');
    }
    const blocked = await throttle.secondsUntilAllowed('acme\nada', '10.0.0.1');

    expect(waits).toEqual([0, 0, 0]);
    expect(blocked).toBeGreaterThan(58);
    expect(blocked).toBeLessThanOrEqual(60);
  });

  it('counts the same account from another address apart', async () => {
    const throttle = new SignInThrottle({ maxFailures: 2, windowSeconds: 60 });
    await throttle.recordFailure('acme\nada', '10.0.0.1');
    await throttle.recordFailure('acme\nada', '10.0.0.1');

    expect(await throttle.secondsUntilAllowed('acme\nada', '10.0.0.2')).toBe(0);
  });

  it('blocks an address after ten times maxFailures over any accounts', async () => {
    const throttle = new SignInThrottle({ maxFailures: 2, windowSeconds: 60 });
    for (let index = 0; index < 19; index += 1) {
      await throttle.recordFailure(`acme\nuser-${index}`, '10.0.0.1');
    }
    const beforeLast = await throttle.secondsUntilAllowed('acme\nnew', '10.0.0.1');
    await throttle.recordFailure('acme\nuser-19', '10.0.0.1');

    expect(beforeLast).toBe(0);
    expect(await throttle.secondsUntilAllowed('acme\nnew', '10.0.0.1')).toBeGreaterThan(58);
    expect(await throttle.secondsUntilAllowed('acme\nnew', '10.0.0.2')).toBe(0);
  });

  it('forgets an account after a successful sign-in', async () => {
    const throttle = new SignInThrottle({ maxFailures: 2, windowSeconds: 60 });
    await throttle.recordFailure('acme\nada', '10.0.0.1');
    await throttle.recordSuccess('acme\nada', '10.0.0.1');
    await throttle.recordFailure('acme\nada', '10.0.0.1');

    expect(await throttle.secondsUntilAllowed('acme\nada', '10.0.0.1')).toBe(0);
  });

  it('allows sign-in again once the window has passed', async () => {
    const throttle = new SignInThrottle({ maxFailures: 1, windowSeconds: 1 });
    await throttle.recordFailure('acme\nada', '10.0.0.1');
    const blocked = await throttle.secondsUntilAllowed('acme\nada', '10.0.0.1');

    await delay(1100);

    expect(blocked).toBe(1);
    expect(await throttle.secondsUntilAllowed('acme\nada', '10.0.0.1')).toBe(0);
  });
});
