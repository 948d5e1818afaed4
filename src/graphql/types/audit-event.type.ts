import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '../../domain/audit/audit-action';
import type { ActorVia } from '../../entities/audit-event.entity';
import { createConnectionType } from './connection.type';

const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const AuditAction = enumOf(AUDIT_ACTIONS);
registerEnumType(AuditAction, { name: 'AuditAction', description: 'What an audit event records.' });

export const AuditTargetType = enumOf(AUDIT_TARGET_TYPES);
registerEnumType(AuditTargetType, { name: 'AuditTargetType' });

export const AuditActorVia = enumOf<ActorVia>(['SESSION', 'TOKEN', 'CLI', 'SYSTEM', 'ANONYMOUS']);
registerEnumType(AuditActorVia, {
  name: 'AuditActorVia',
  description:
    'How the actor authenticated: a session, an API token, the command-line tool, Roster ' +
    'itself (first start), or nobody (a failed sign-in).',
});

@ObjectType({ description: 'One administrative change or sign-in.' })
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => AuditAction)
  action!: string;

  @Field(() => AuditActorVia)
  actorVia!: ActorVia;

  @Field(() => ID, { nullable: true, description: 'The acting user, if known.' })
  actorUserId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The API token used, if any.' })
  actorTokenId!: string | null;

  @Field(() => AuditTargetType)
  targetType!: string;

  @Field(() => String, { nullable: true })
  targetId!: string | null;

  @Field(() => String, { nullable: true, description: 'The request id, to find its log lines.' })
  requestId!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'A few facts about the change; never a secret.' })
  detail!: Record<string, unknown>;
}

export const AuditEventConnection = createConnectionType('AuditEvent', AuditEvent);
