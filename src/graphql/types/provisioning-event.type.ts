import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import {
  PROVISIONING_OPERATIONS,
  PROVISIONING_OUTCOMES,
} from '../../domain/provisioning/event-types';
import { createConnectionType } from './connection.type';

const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const ProvisioningOperation = enumOf(PROVISIONING_OPERATIONS);
registerEnumType(ProvisioningOperation, {
  name: 'ProvisioningOperation',
  description:
    'What a SCIM request did. TEST_CONNECTION is a lookup of a random GUID that found ' +
    "nothing, as Microsoft Entra ID's Test Connection sends; OTHER is any request Roster " +
    'does not serve.',
});

export const ProvisioningOutcome = enumOf(PROVISIONING_OUTCOMES);
registerEnumType(ProvisioningOutcome, {
  name: 'ProvisioningOutcome',
  description: 'SUCCESS, WARNING (done, with warnings) or FAILURE (an error status).',
});

export const SummaryPeriod = enumOf(['HOUR', 'DAY'] as const);
registerEnumType(SummaryPeriod, { name: 'SummaryPeriod', description: 'A period in UTC.' });

export const ExportFormat = enumOf(['CSV', 'NDJSON'] as const);
registerEnumType(ExportFormat, {
  name: 'ProvisioningExportFormat',
  description: 'CSV with a header row, or one JSON object per line.',
});

@ObjectType({ description: 'One attribute a write changed; secrets show as "[redacted]".' })
export class AttributeChange {
  @Field(() => String, { description: 'SCIM path, such as `name.givenName` or `members`.' })
  attribute!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Null when the attribute was absent.' })
  oldValue!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Null when it was removed.' })
  newValue!: unknown;
}

@ObjectType({ description: 'Something Roster did differently from what the request asked.' })
export class ProvisioningWarning {
  @Field(() => String, { description: 'ATTRIBUTE_DISCOVERED, UNDECLARED_ATTRIBUTE, ...' })
  code!: string;

  @Field(() => String)
  attribute!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: 'Why a request failed, from its SCIM error response.' })
export class ProvisioningError {
  @Field(() => String, { nullable: true })
  scimType!: string | null;

  @Field(() => String)
  detail!: string;
}

@ObjectType({ description: 'One SCIM request a provisioning client sent, and what it did.' })
export class ProvisioningEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => Date, { description: 'When the request arrived.' })
  occurredAt!: Date;

  @Field(() => String, { description: 'The request id, to find its log lines.' })
  requestId!: string;

  @Field(() => ID, { nullable: true, description: 'The SCIM token used.' })
  tokenId!: string | null;

  @Field(() => String, { nullable: true })
  tokenTitle!: string | null;

  @Field(() => String, { nullable: true, description: "The client's User-Agent." })
  userAgent!: string | null;

  @Field(() => String)
  method!: string;

  @Field(() => String)
  path!: string;

  @Field(() => String, { nullable: true, description: 'The query string, without `?`.' })
  query!: string | null;

  @Field(() => ProvisioningOperation)
  operation!: string;

  @Field(() => String, { nullable: true, description: 'User, Group, or a discovery resource.' })
  resourceType!: string | null;

  @Field(() => String, { nullable: true })
  resourceId!: string | null;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => String, { nullable: true, description: "The user's userName or group's name." })
  resourceName!: string | null;

  @Field(() => Int, { description: 'The HTTP status of the response.' })
  status!: number;

  @Field(() => ProvisioningOutcome)
  outcome!: string;

  @Field(() => Float, {
    description:
      'Milliseconds from arrival to the response; for a write that changed something, to the ' +
      'moment the change was made, before its commit.',
  })
  durationMs!: number;

  @Field(() => [AttributeChange], { description: 'What a write changed; empty for reads.' })
  changes!: AttributeChange[];

  @Field(() => [ProvisioningWarning])
  warnings!: ProvisioningWarning[];

  @Field(() => ProvisioningError, { nullable: true })
  error!: ProvisioningError | null;
}

export const ProvisioningEventConnection = createConnectionType(
  'ProvisioningEvent',
  ProvisioningEvent,
);

@ObjectType({ description: 'Counts of one period; writes count only when they did not fail.' })
export class ProvisioningSummaryBucket {
  @Field(() => Date, { description: 'Start of the period, in UTC.' })
  start!: Date;

  @Field(() => Int, { description: 'Every request in the period.' })
  total!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  disabled!: number;

  @Field(() => Int)
  enabled!: number;

  @Field(() => Int)
  deleted!: number;

  @Field(() => Int, { description: 'Group membership additions and removals.' })
  membershipChanges!: number;

  @Field(() => Int, { description: 'Requests whose response had an error status (400 or more).' })
  failed!: number;

  @Field(() => Int, { description: 'Requests done with warnings.' })
  warnings!: number;
}

@ObjectType({ description: 'Where to download a filtered range of the provisioning log.' })
export class ProvisioningExport {
  @Field(() => String, {
    description:
      'GET it with the same credentials as this API: the session cookie or ' +
      '`Authorization: Bearer <API token>`.',
  })
  url!: string;

  @Field(() => ExportFormat)
  format!: string;
}
