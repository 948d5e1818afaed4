/**
 * GraphQL operations behind /scim/v2/Groups. `$members: false` leaves members out of the
 * rendering without loading them (Entra ID reads groups with excludedAttributes=members).
 */
export const GROUP_OPERATIONS = {
  getGroup: `
    query GetGroup($id: ID!, $members: Boolean!) {
      group(id: $id) { scim(members: $members) }
    }`,
  listGroups: `
    query ListGroups(
      $filter: String, $sortBy: String, $sortOrder: SortOrder, $startIndex: Int, $count: Int,
      $members: Boolean!
    ) {
      groups(
        filter: $filter, sortBy: $sortBy, sortOrder: $sortOrder, startIndex: $startIndex,
        count: $count
      ) {
        totalResults startIndex resources { scim(members: $members) }
      }
    }`,
  createGroup: `
    mutation CreateGroup($input: GroupInput!, $members: Boolean!) {
      createGroup(input: $input) { scim(members: $members) }
    }`,
  replaceGroup: `
    mutation ReplaceGroup($id: ID!, $input: GroupInput!, $ifMatch: String, $members: Boolean!) {
      replaceGroup(id: $id, input: $input, ifMatch: $ifMatch) { scim(members: $members) }
    }`,
  patchGroup: `
    mutation PatchGroup(
      $id: ID!, $operations: [PatchOperationInput!]!, $ifMatch: String, $members: Boolean!
    ) {
      patchGroup(id: $id, operations: $operations, ifMatch: $ifMatch) {
        scim(members: $members)
      }
    }`,
  patchGroupQuietly: `
    mutation PatchGroupQuietly($id: ID!, $operations: [PatchOperationInput!]!, $ifMatch: String) {
      patchGroup(id: $id, operations: $operations, ifMatch: $ifMatch) { id }
    }`,
  deleteGroup: `
    mutation DeleteGroup($id: ID!, $ifMatch: String) {
      deleteGroup(id: $id, ifMatch: $ifMatch)
    }`,
} as const;
