/** GraphQL operations behind /scim/v2/Users; each selects the SCIM rendering of the user. */
export const USER_OPERATIONS = {
  getUser: `
    query GetUser($id: ID!) {
      user(id: $id) { scim }
    }`,
  createUser: `
    mutation CreateUser($input: UserInput!) {
      createUser(input: $input) { scim }
    }`,
  replaceUser: `
    mutation ReplaceUser($id: ID!, $input: UserInput!, $ifMatch: String) {
      replaceUser(id: $id, input: $input, ifMatch: $ifMatch) { scim }
    }`,
  listUsers: `
    query ListUsers(
      $filter: String, $sortBy: String, $sortOrder: SortOrder, $startIndex: Int, $count: Int
    ) {
      users(
        filter: $filter, sortBy: $sortBy, sortOrder: $sortOrder, startIndex: $startIndex,
        count: $count
      ) {
        totalResults startIndex resources { scim }
      }
    }`,
  patchUser: `
    mutation PatchUser($id: ID!, $operations: [PatchOperationInput!]!, $ifMatch: String) {
      patchUser(id: $id, operations: $operations, ifMatch: $ifMatch) { scim }
    }`,
  deleteUser: `
    mutation DeleteUser($id: ID!, $ifMatch: String) {
      deleteUser(id: $id, ifMatch: $ifMatch)
    }`,
} as const;
