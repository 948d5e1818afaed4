import { randomInt } from 'node:crypto';

import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP_SCHEMA,
  USER_SCHEMA,
} from '../src/scim/schemas/urns';

/** Result of one request of the soak traffic. */
export interface Outcome {
  kind: string;
  /** HTTP status, or undefined when the request failed without a response. */
  status?: number;
  /** Whether the status is one that this kind of request may get. */
  expected: boolean;
  durationMs: number;
  /** Start of the response body or the network error, for the report of unexpected outcomes. */
  detail: string;
}

interface Target {
  url: string;
  token: string;
}

/** Users kept at about this count: creates turn into deletes above it. */
const MAX_USERS = 3000;
const MIN_USERS = 100;
const MAX_GROUPS = 100;
const MIN_GROUPS = 20;

/**
 * Relative weights of the request kinds. Lookups dominate, as in an Entra provisioning cycle,
 * which queries each object by its matching attribute before it creates or updates it.
 */
const WEIGHTS: [kind: string, weight: number][] = [
  ['lookupUser', 30],
  ['lookupGroup', 8],
  ['getUser', 7],
  ['createUser', 15],
  ['patchUser', 20],
  ['changeMembers', 12],
  ['createGroup', 2],
  ['deleteUser', 5],
  ['deleteGroup', 1],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

function pick<T>(items: T[]): T {
  return items[randomInt(items.length)];
}

/** Removes and returns a random item in constant time; the order of the rest changes. */
function takeRandom<T>(items: T[]): T | undefined {
  if (items.length === 0) {
    return undefined;
  }

  const index = randomInt(items.length);
  const item = items[index];
  items[index] = items[items.length - 1];
  items.pop();
  return item;
}

/**
 * Generates the soak test's requests and keeps the ids they create. Statuses count as expected
 * when Entra could get them in normal work: 404 for an object that another request of this
 * traffic deleted meanwhile, or 400 for a member deleted meanwhile.
 */
export class SoakTraffic {
  private readonly users: { id: string; userName: string }[] = [];
  private readonly groups: { id: string; displayName: string }[] = [];
  private readonly deleted = new Set<string>();
  private sequence = 0;

  constructor(
    private readonly target: Target,
    /** Prefix that keeps names unique between runs on the same database. */
    private readonly runId: string,
  ) {}

  userCount(): number {
    return this.users.length;
  }

  groupCount(): number {
    return this.groups.length;
  }

  /** Creates the users and groups that the first lookups and patches find. */
  async seed(): Promise<void> {
    for (let index = 0; index < 200; index += 1) {
      await this.createUser();
    }
    for (let index = 0; index < MIN_GROUPS; index += 1) {
      await this.createGroup();
    }
  }

  /** Sends one request of a kind drawn by weight. */
  async next(): Promise<Outcome> {
    let draw = randomInt(TOTAL_WEIGHT);
    const kind = WEIGHTS.find(([, weight]) => (draw -= weight) < 0)![0];

    switch (kind) {
      case 'lookupUser':
        return this.lookupUser();
      case 'lookupGroup':
        return this.lookupGroup();
      case 'getUser':
        return this.getUser();
      case 'createUser':
        return this.users.length >= MAX_USERS ? this.deleteUser() : this.createUser();
      case 'patchUser':
        return this.patchUser();
      case 'changeMembers':
        return this.changeMembers();
      case 'createGroup':
        return this.groups.length >= MAX_GROUPS ? this.changeMembers() : this.createGroup();
      case 'deleteUser':
        return this.users.length <= MIN_USERS ? this.createUser() : this.deleteUser();
      case 'deleteGroup':
        return this.groups.length <= MIN_GROUPS ? this.createGroup() : this.deleteGroup();
      default:
        throw new Error(`no request for kind ${kind}`);
    }
  }

  private nextName(prefix: string): string {
    this.sequence += 1;
    return `${prefix}-${this.runId}-${this.sequence}`;
  }

  private async lookupUser(): Promise<Outcome> {
    const userName =
      randomInt(10) < 7 && this.users.length > 0
        ? pick(this.users).userName
        : `${this.nextName('absent')}@example.test`;
    const filter = encodeURIComponent(`userName eq "${userName}"`);

    return this.send('lookupUser', 'GET', `/Users?filter=${filter}`, undefined, [200]);
  }

  private async lookupGroup(): Promise<Outcome> {
    const group = pick(this.groups);
    const filter = encodeURIComponent(`displayName eq "${group.displayName}"`);
    const path = `/Groups?filter=${filter}&excludedAttributes=members`;

    return this.send('lookupGroup', 'GET', path, undefined, [200]);
  }

  private async getUser(): Promise<Outcome> {
    const user = pick(this.users);
    return this.send('getUser', 'GET', `/Users/${user.id}`, undefined, [200], user.id);
  }

  private async createUser(): Promise<Outcome> {
    const nickname = this.nextName('soak');
    const userName = `${nickname}@example.test`;
    const body = {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      externalId: nickname,
      userName,
      active: true,
      displayName: `Soak ${nickname}`,
      title: 'Engineer',
      emails: [{ primary: true, type: 'work', value: userName }],
      name: { formatted: `Soak ${nickname}`, familyName: 'Soak', givenName: nickname },
      [ENTERPRISE_USER_SCHEMA]: { department: `Dept ${randomInt(20)}` },
    };

    const outcome = await this.send('createUser', 'POST', '/Users', body, [201]);
    if (outcome.status === 201 && outcome.createdId) {
      this.users.push({ id: outcome.createdId, userName });
    }
    return outcome;
  }

  private async patchUser(): Promise<Outcome> {
    const user = pick(this.users);
    const operations =
      randomInt(10) === 0
        ? [{ op: 'Replace', path: 'active', value: pick(['False', 'True']) }]
        : [
            { op: 'Replace', path: 'displayName', value: `Soak ${this.nextName('renamed')}` },
            { op: 'Replace', path: 'title', value: pick(['Engineer', 'Manager', 'Analyst']) },
            {
              op: 'Replace',
              path: `${ENTERPRISE_USER_SCHEMA}:department`,
              value: `Dept ${randomInt(20)}`,
            },
          ];

    return this.send(
      'patchUser',
      'PATCH',
      `/Users/${user.id}`,
      { schemas: [PATCH_OP_SCHEMA], Operations: operations },
      [200, 204],
      user.id,
    );
  }

  private async changeMembers(): Promise<Outcome> {
    const group = pick(this.groups);
    const members = Array.from({ length: 1 + randomInt(3) }, () => ({
      value: pick(this.users).id,
    }));
    const op = randomInt(3) === 0 ? 'Remove' : 'Add';
    const body = {
      schemas: [PATCH_OP_SCHEMA],
      Operations: [{ op, path: 'members', value: members }],
    };

    return this.send('changeMembers', 'PATCH', `/Groups/${group.id}`, body, [200, 204], group.id, [
      ...members.map((member) => member.value),
    ]);
  }

  private async createGroup(): Promise<Outcome> {
    const displayName = this.nextName('Soak group');
    const members = Array.from({ length: randomInt(5) }, () => ({ value: pick(this.users).id }));
    const body = { schemas: [GROUP_SCHEMA], displayName, members };

    const outcome = await this.send(
      'createGroup',
      'POST',
      '/Groups',
      body,
      [201],
      undefined,
      members.map((member) => member.value),
    );
    if (outcome.status === 201 && outcome.createdId) {
      this.groups.push({ id: outcome.createdId, displayName });
    }
    return outcome;
  }

  private async deleteUser(): Promise<Outcome> {
    const user = takeRandom(this.users)!;
    this.deleted.add(user.id);
    return this.send('deleteUser', 'DELETE', `/Users/${user.id}`, undefined, [204]);
  }

  private async deleteGroup(): Promise<Outcome> {
    const group = takeRandom(this.groups)!;
    this.deleted.add(group.id);
    return this.send('deleteGroup', 'DELETE', `/Groups/${group.id}`, undefined, [204]);
  }

  /**
   * Sends a request and classifies its status. A 404 on `targetId`, or a 400 naming one of
   * `memberIds`, is expected when that object was deleted by another request of this traffic.
   */
  private async send(
    kind: string,
    method: string,
    path: string,
    body: unknown,
    expectedStatuses: number[],
    targetId?: string,
    memberIds: string[] = [],
  ): Promise<Outcome & { createdId?: string }> {
    const started = process.hrtime.bigint();

    try {
      const response = await fetch(`${this.target.url}/scim/v2${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.target.token}`,
          'content-type': 'application/scim+json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;

      const deletedTarget = targetId !== undefined && this.deleted.has(targetId);
      const deletedMember = memberIds.some((id) => this.deleted.has(id));
      const expected =
        expectedStatuses.includes(response.status) ||
        (response.status === 404 && deletedTarget) ||
        (response.status === 400 && deletedMember);

      return {
        kind,
        status: response.status,
        expected,
        durationMs,
        detail: text.slice(0, 200),
        createdId: response.status === 201 ? (JSON.parse(text).id as string) : undefined,
      };
    } catch (error) {
      return {
        kind,
        expected: false,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        detail: String(error),
      };
    }
  }
}
