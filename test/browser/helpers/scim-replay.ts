import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const REPLAY_TOOL = path.resolve(__dirname, '../../../../shared/tools/scim-replay.mjs');

/** Replays a SCIM scenario file as Entra ID would send it; rejects unless every step passed. */
export async function replayScimScenario(
  baseUrl: string,
  token: string,
  scenarioFile: string,
): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    REPLAY_TOOL,
    '--base',
    `${baseUrl}/scim/v2`,
    '--token',
    token,
    scenarioFile,
  ]);

  return stdout;
}
