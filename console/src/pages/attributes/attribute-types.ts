import type { ScimAttributeType } from '../../gql/graphql';

export const ATTRIBUTE_TYPES: { value: ScimAttributeType; label: string }[] = [
  { value: 'STRING', label: 'String' },
  { value: 'BOOLEAN', label: 'Boolean' },
  { value: 'INTEGER', label: 'Integer' },
  { value: 'DECIMAL', label: 'Decimal' },
  { value: 'DATE_TIME', label: 'Date and time' },
  { value: 'REFERENCE', label: 'Reference' },
];

export const ATTRIBUTES_QUERY_KEY = ['extensionAttributes'];
