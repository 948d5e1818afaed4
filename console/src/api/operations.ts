import { graphql } from '../gql';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      userName
      displayName
      role
      passwordChangeRequired
      organization {
        id
        slug
        name
        allowNeverExpiringTokens
      }
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      expiresAt
      viewer {
        id
        passwordChangeRequired
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      id
      passwordChangeRequired
    }
  }
`);

export const SsoStatusQuery = graphql(`
  query SsoStatus($organization: String!) {
    ssoStatus(organization: $organization) {
      enabled
      loginUrl
    }
  }
`);
