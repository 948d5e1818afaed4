/**
 * Cost of per-organization custom extension schemas on `POST /Users`: the same request before
 * any declaration (the built-in registry), after 20 declarations with no extension values in
 * the body (a version check and a cached registry), and with a value for each of the 20
 * attributes (coercion of every value). Each run has 300 untimed warm-up requests. Prints
 * p50/p99 in ms and ratios to the first run.
 *
 * Usage: npm run bench:extensions [-- ITERATIONS]   (needs PostgreSQL at DATABASE_URL or 127.0.0.1)
 */
import { systemActor } from '../src/domain/actor';
import { ExtensionAttributeService } from '../src/domain/extensions/extension-attribute.service';
import { SchemaRegistryProvider } from '../src/domain/schema-registry.service';
import { createLogger } from '../src/logger';
import { loadConfig } from '../src/config';
import { round, scim, startBenchServer, time, type Percentiles } from './harness';

const URN = 'urn:ietf:params:scim:schemas:extension:Bench:2.0:User';
const ATTRIBUTES = 20;

function userBody(prefix: string, index: number, withExtension: boolean) {
  const extension = Object.fromEntries(
    Array.from({ length: ATTRIBUTES }, (_, n) => [`field${n}`, String(index + n)]),
  );

  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `${prefix}-${index}@example.test`,
    displayName: `Bench User ${index}`,
    ...(withExtension ? { [URN]: extension } : {}),
  };
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 1000);
  const roster = await startBenchServer();

  try {
    const builtIn = await time(iterations, 300, async (i) => {
      await scim(roster, 'POST', '/Users', userBody('builtin', i, false));
    });

    const deps = { config: loadConfig({}), logger: createLogger('silent'), now: () => new Date() };
    const service = new ExtensionAttributeService(
      roster.orm.em.fork(),
      deps,
      new SchemaRegistryProvider(roster.orm),
    );
    for (let n = 0; n < ATTRIBUTES; n++) {
      await service.declare(systemActor(roster.organizationId, 'SYSTEM'), {
        schema: URN,
        name: `field${n}`,
        type: 'integer',
      });
    }

    const declaredNoValues = await time(iterations, 300, async (i) => {
      await scim(roster, 'POST', '/Users', userBody('plain', i, false));
    });
    const declaredWithValues = await time(iterations, 300, async (i) => {
      await scim(roster, 'POST', '/Users', userBody('values', i, true));
    });

    const row = (name: string, result: Percentiles) =>
      console.log(
        `${name.padEnd(34)} p50 ${String(result.p50).padStart(7)} ms  p99 ` +
          `${String(result.p99).padStart(7)} ms  p50 ratio ${round(result.p50 / builtIn.p50)}`,
      );
    console.log(`POST /Users, ${iterations} requests each, one at a time`);
    row('no declarations', builtIn);
    row(`${ATTRIBUTES} declared, no values sent`, declaredNoValues);
    row(`${ATTRIBUTES} declared, ${ATTRIBUTES} values sent`, declaredWithValues);
  } finally {
    await roster.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
