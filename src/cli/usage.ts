/** The help text of `roster`. */
export const USAGE = `Usage: roster <command> [options]

Commands:
  org create --name NAME --admin-email EMAIL [--slug SLUG]
      Creates an organization and its admin, and prints the admin's one-time password.
      The slug defaults to the name in lower case with dashes ("Acme Corp" -> acme-corp).

  token create --org SLUG --title TITLE --user EMAIL --scope scim|api
               [--expires-in 30d|60d|90d|180d|365d|never|YYYY-MM-DD] [--description TEXT]
      Creates a token acting as the admin EMAIL and prints its secret, once. The expiry
      defaults to 90d; never needs the organization's permission. A scim token needs an
      enabled SAML integration.

  token list --org SLUG
      Lists the organization's tokens, newest first.

  token revoke --org SLUG TOKEN_ID
      Revokes a token; it stops working at once.

Options:
  --json    Prints the result as one JSON document.
  --help    Prints this help.

Roster's configuration applies: DATABASE_URL selects a PostgreSQL server, otherwise the
embedded database in ROSTER_DATA_DIR is used, which no running Roster server may hold.
`;

/** A wrong command line; the CLI prints the message and the usage, and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
