import type { ProvisioningOperation, ProvisioningOutcome } from '../../gql/graphql';

export const OPERATION_LABELS: Record<ProvisioningOperation, string> = {
  CREATE: 'Create',
  UPDATE: 'Update',
  DELETE: 'Delete',
  DISABLE: 'Disable',
  ENABLE: 'Enable',
  MEMBERSHIP_ADD: 'Add members',
  MEMBERSHIP_REMOVE: 'Remove members',
  LOOKUP: 'Lookup',
  LIST: 'List',
  READ: 'Read',
  TEST_CONNECTION: 'Test connection',
  OTHER: 'Other',
};

export const OUTCOME_LABELS: Record<ProvisioningOutcome, string> = {
  SUCCESS: 'Success',
  WARNING: 'Warning',
  FAILURE: 'Failure',
};
