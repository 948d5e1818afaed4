import { parseFilter, printFilter } from '../../../src/scim/filter';
import { filterForType } from '../../../src/scim/protocol/filter-for-type';
import type { ResourceTypeName } from '../../../src/scim/schemas';

function reduce(filter: string, type: ResourceTypeName): string | boolean {
  const reduced = filterForType(parseFilter(filter), type);
  return typeof reduced === 'boolean' ? reduced : printFilter(reduced);
}

describe('filterForType', () => {
  it.each<[string, ResourceTypeName, string | boolean]>([
    ['userName eq "a"', 'User', 'userName eq "a"'],
    ['userName eq "a"', 'Group', false],
    ['userName ne "a"', 'Group', true],
    ['userName pr', 'Group', false],
    ['not (userName pr)', 'Group', true],
    ['emails[type eq "work"]', 'Group', false],
    ['members pr', 'User', false],
    ['members.value eq "x"', 'Group', 'members.value eq "x"'],
    ['displayName eq "d"', 'User', 'displayName eq "d"'],
    ['userName eq "a" or displayName eq "d"', 'Group', 'displayName eq "d"'],
    ['userName eq "a" and displayName eq "d"', 'Group', false],
    ['userName ne "a" and displayName eq "d"', 'Group', 'displayName eq "d"'],
    ['userName ne "a" or displayName eq "d"', 'Group', true],
    ['urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "d"', 'User', false],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "x"',
      'Group',
      false,
    ],
  ])('%s for %s', (filter, type, expected) => {
    expect(reduce(filter, type)).toEqual(expected);
  });
});
