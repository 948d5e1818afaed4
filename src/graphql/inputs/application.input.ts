import { GraphQLJSON } from 'graphql-scalars';
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, InputType, registerEnumType } from 'type-graphql';

import type { FieldType } from '../../entities/application-field.entity';
import {
  MAX_CHOICES_PER_FIELD,
  MAX_FIELDS_PER_APPLICATION,
} from '../../domain/applications/field-input';
import {
  RECORD_FILTER_OPERATORS,
  type RecordFilterOperator,
} from '../../domain/applications/record-filter';
import { FieldTypeEnum } from '../types/application.type';

export const RecordFilterOperatorEnum = Object.fromEntries(
  RECORD_FILTER_OPERATORS.map((operator) => [operator, operator]),
) as { [K in RecordFilterOperator]: K };
registerEnumType(RecordFilterOperatorEnum, {
  name: 'RecordFilterOperator',
  description:
    'EQ and NE compare whole values (for MULTIPLE_CHOICE, EQ means "includes"); CONTAINS ' +
    'finds text ignoring case; GT, GE, LT and LE apply to NUMBER, DATE and DATE_TIME; ' +
    'PRESENT and ABSENT test whether the field has a value.',
});

@InputType()
export class FieldInputType {
  @Field(() => String, {
    description: 'Lower-case letters, digits and underscores, starting with a letter.',
  })
  @MaxLength(63, { message: 'must have at most 63 characters' })
  key!: string;

  @Field(() => String, { description: '1 to 100 characters.' })
  @MaxLength(100, { message: 'must have at most 100 characters' })
  name!: string;

  @Field(() => FieldTypeEnum)
  type!: FieldType;

  @Field(() => [String], {
    nullable: true,
    description: 'Allowed values, required for SINGLE_CHOICE and MULTIPLE_CHOICE.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_CHOICES_PER_FIELD, {
    message: `must have at most ${MAX_CHOICES_PER_FIELD} entries`,
  })
  choices?: string[] | null;
}

@InputType()
export class CreateApplicationInput {
  @Field(() => String, { description: '1 to 100 characters, unique in the organization.' })
  @MaxLength(100, { message: 'must have at most 100 characters' })
  name!: string;

  @Field(() => [FieldInputType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_FIELDS_PER_APPLICATION, {
    message: `must have at most ${MAX_FIELDS_PER_APPLICATION} entries`,
  })
  @ValidateNested()
  fields?: FieldInputType[] | null;
}

@InputType()
export class UpdateFieldInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100, { message: 'must have at most 100 characters' })
  name?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the list of choices.' })
  @IsOptional()
  @ArrayMaxSize(MAX_CHOICES_PER_FIELD, {
    message: `must have at most ${MAX_CHOICES_PER_FIELD} entries`,
  })
  choices?: string[] | null;
}

@InputType()
export class RecordFilterInput {
  @Field(() => String, { description: 'The key of the field.' })
  @MaxLength(63, { message: 'must have at most 63 characters' })
  field!: string;

  @Field(() => RecordFilterOperatorEnum)
  operator!: RecordFilterOperator;

  @Field(() => GraphQLJSON, { nullable: true, description: 'In the form the field stores.' })
  value?: unknown;
}
