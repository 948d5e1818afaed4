import { OrganizationService, slugFromName } from '../domain/organizations/organization.service';
import type { CliContext } from './cli-context';
import { requireOption } from './cli-args';
import { printJson, printLine } from './output';

/** `roster org create`: creates an organization and prints its admin's one-time password. */
export async function createOrganization({ em, deps, command }: CliContext): Promise<void> {
  const name = requireOption(command, 'name');
  const adminEmail = requireOption(command, 'admin-email');
  const slug = command.options.slug?.trim() || slugFromName(name);

  const created = await new OrganizationService(em, deps).createWithAdmin('CLI', {
    slug,
    name,
    adminEmail,
  });
  const { organization, admin, oneTimePassword } = created;

  if (command.json) {
    printJson({
      organization: { id: organization.id, slug: organization.slug, name: organization.name },
      admin: { id: admin.id, email: admin.userName },
      oneTimePassword,
    });
    return;
  }

  printLine(`Created organization "${organization.name}" (slug ${organization.slug}).`);
  printLine(`Admin: ${admin.userName}`);
  printLine(`One-time password: ${oneTimePassword}`);
  printLine('It is shown only now; sign in and change it.');
}
