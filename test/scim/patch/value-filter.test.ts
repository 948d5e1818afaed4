import { parsePatchPath } from '../../../src/scim/filter';
import { compileValueFilter, type CompiledValueFilter } from '../../../src/scim/patch';
import { attribute, type AttributeDefinition } from '../../../src/scim/schemas';
import { registry, scimErrorOf } from './patch-helpers';

const EMAILS = registry.resolve('User', { name: 'emails' })!.attribute;
const CERTIFICATES = registry.resolve('User', { name: 'x509Certificates' })!.attribute;
const BADGES = attribute('badges', 'complex', 'Badges with typed sub-attributes.', {
  multiValued: true,
  subAttributes: [
    attribute('level', 'integer', 'Level.'),
    attribute('since', 'dateTime', 'Awarded at.'),
    attribute('label', 'string', 'Label.'),
  ],
});
const TAGS = attribute('tags', 'string', 'Simple values.', { multiValued: true });

/** Compiles the filter of a PATCH path such as `emails[type eq "work"]`. */
function compile(path: string, definition: AttributeDefinition): CompiledValueFilter {
  const parsed = parsePatchPath(path);
  if (parsed.kind !== 'valuePath') {
    throw new Error(`${path} has no value filter`);
  }

  return compileValueFilter(parsed.filter, definition, path);
}

describe('compileValueFilter', () => {
  it('compares strings without regard to case unless caseExact', () => {
    expect(compile('emails[type eq "work"]', EMAILS).matches({ type: 'WORK' })).toBe(true);
    expect(compile('x509Certificates[value eq "ab"]', CERTIFICATES).matches({ value: 'AB' })).toBe(
      false,
    );
    expect(compile('x509Certificates[value eq "ab"]', CERTIFICATES).matches({ value: 'ab' })).toBe(
      true,
    );
  });

  it('converts string booleans in comparison values', () => {
    const filter = compile('emails[primary eq "True"]', EMAILS);

    expect(filter.matches({ primary: true })).toBe(true);
    expect(filter.matches({ primary: false })).toBe(false);
    expect(filter.matches({ value: 'a@x' })).toBe(false);
  });

  it.each([
    ['ne "work"', { type: 'home' }, true],
    ['ne "work"', { type: 'Work' }, false],
    ['ne "work"', { value: 'a@x' }, true],
    ['co "OR"', { type: 'work' }, true],
    ['sw "wo"', { type: 'work' }, true],
    ['sw "or"', { type: 'work' }, false],
    ['ew "RK"', { type: 'work' }, true],
    ['gt "home"', { type: 'work' }, true],
    ['ge "WORK"', { type: 'work' }, true],
    ['lt "home"', { type: 'work' }, false],
    ['le "work"', { type: 'home' }, true],
  ])('evaluates type %s on %j as %s', (comparison, element, expected) => {
    expect(compile(`emails[type ${comparison}]`, EMAILS).matches(element)).toBe(expected);
  });

  it.each([
    ['level gt 2', { level: 3 }, true],
    ['level gt 2', { level: 2 }, false],
    ['level ge "2"', { level: 2 }, true],
    ['level lt 2.5', { level: 2 }, true],
    ['since gt "2026-01-01T00:00:00Z"', { since: '2026-01-01T01:00:00+00:30' }, true],
    ['since le "2026-01-01T00:00:00Z"', { since: '2025-12-31T23:59:59Z' }, true],
    ['since eq "2026-01-01T00:00:00Z"', { since: '2026-01-01T01:00:00+01:00' }, true],
  ])('compares %s on %j by type as %s', (comparison, element, expected) => {
    expect(compile(`badges[${comparison}]`, BADGES).matches(element)).toBe(expected);
  });

  it('treats pr as a non-empty value', () => {
    const filter = compile('emails[display pr]', EMAILS);

    expect(filter.matches({ display: 'Ada' })).toBe(true);
    expect(filter.matches({ display: '' })).toBe(false);
    expect(filter.matches({ value: 'a@x' })).toBe(false);
  });

  it('treats eq null as absent', () => {
    const filter = compile('emails[display eq null]', EMAILS);

    expect(filter.matches({ value: 'a@x' })).toBe(true);
    expect(filter.matches({ display: 'Ada' })).toBe(false);
  });

  it('combines and, or and not', () => {
    const filter = compile(
      'emails[(type eq "work" or type eq "home") and not (primary eq true)]',
      EMAILS,
    );

    expect(filter.matches({ type: 'home' })).toBe(true);
    expect(filter.matches({ type: 'work', primary: true })).toBe(false);
    expect(filter.matches({ type: 'other' })).toBe(false);
  });

  it('compares the elements of a simple multi-valued attribute as value', () => {
    const filter = compile('tags[value sw "blu"]', TAGS);

    expect(filter.matches('Blue')).toBe(true);
    expect(filter.matches('green')).toBe(false);
  });

  it('describes the value of an and of eq comparisons', () => {
    expect(compile('emails[type eq "work" and primary eq "true"]', EMAILS).template).toStrictEqual({
      type: 'work',
      primary: true,
    });
  });

  it.each([
    'emails[type eq "work" or type eq "home"]',
    'emails[type eq "work" and type eq "home"]',
    'emails[type ne "work"]',
    'emails[type eq null]',
    'emails[not (type eq "work")]',
  ])('describes no value for %s', (path) => {
    expect(compile(path, EMAILS).template).toBeUndefined();
  });

  it('rejects a sub-attribute the attribute does not have', () => {
    const error = scimErrorOf(() => compile('emails[kind eq "work"]', EMAILS));

    expect(error.scimType).toBe('invalidPath');
    expect(error.message).toBe(
      'the filter in "emails[kind eq \\"work\\"]" names \'kind\', which is not a sub-attribute ' +
        "of 'emails'; use one of value, display, type, primary",
    );
  });

  it('rejects a nested sub-attribute', () => {
    const error = scimErrorOf(() => compile('emails[type.x eq "work"]', EMAILS));

    expect(error.scimType).toBe('invalidPath');
    expect(error.message).toBe(
      'the filter in "emails[type.x eq \\"work\\"]" names "type.x"; inside [...] name one ' +
        'sub-attribute of \'emails\' without a schema URN, as in [type eq "work"]',
    );
  });

  it('rejects ordering on a boolean', () => {
    const error = scimErrorOf(() => compile('emails[primary gt false]', EMAILS));

    expect(error.scimType).toBe('invalidFilter');
    expect(error.message).toBe(
      "the filter in \"emails[primary gt false]\" uses 'gt' with false on 'primary', a " +
        'boolean attribute, which does not support it',
    );
  });

  it('rejects a substring operator on an integer', () => {
    const error = scimErrorOf(() => compile('badges[level co 1]', BADGES));

    expect(error.scimType).toBe('invalidFilter');
  });

  it('rejects a comparison value of the wrong type', () => {
    const error = scimErrorOf(() => compile('emails[primary eq "yes"]', EMAILS));

    expect(error.scimType).toBe('invalidFilter');
    expect(error.message).toBe(
      'in the filter of "emails[primary eq \\"yes\\"]", attribute \'primary\' must be a boolean ' +
        '(true or false), got "yes"',
    );
  });
});
