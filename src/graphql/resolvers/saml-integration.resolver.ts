import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';

import { MAX_METADATA_LENGTH } from '../../domain/saml/federation-metadata';
import type { SamlIntegrationView } from '../../domain/saml/saml-integration-view';
import type { GraphQLContext } from '../context';
import { adminOf } from '../guards';
import {
  CreateSamlIntegrationInput,
  UpdateSamlIntegrationInput,
} from '../inputs/saml-integration.input';
import { SamlIntegration } from '../types/saml-integration.type';

@Resolver()
export class SamlIntegrationResolver {
  @Query(() => SamlIntegration, {
    nullable: true,
    description: "The organization's SAML integration; null until one is created.",
  })
  async samlIntegration(@Ctx() ctx: GraphQLContext): Promise<SamlIntegrationView | null> {
    return ctx.services.samlIntegrations.get(adminOf(ctx));
  }

  @Mutation(() => SamlIntegration, {
    description: 'Creates the SAML integration, disabled; an organization has at most one.',
  })
  async createSamlIntegration(
    @Arg('input', () => CreateSamlIntegrationInput) input: CreateSamlIntegrationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SamlIntegrationView> {
    return ctx.services.samlIntegrations.create(adminOf(ctx), input);
  }

  @Mutation(() => SamlIntegration, {
    description: 'Changes the given fields; null clears an optional one.',
  })
  async updateSamlIntegration(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateSamlIntegrationInput) input: UpdateSamlIntegrationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SamlIntegrationView> {
    return ctx.services.samlIntegrations.update(adminOf(ctx), id, input);
  }

  @Mutation(() => SamlIntegration, {
    description:
      "Fills the identity provider's values from its federation metadata XML (Entra: " +
      'Federation Metadata XML).',
  })
  async importSamlIdentityProviderMetadata(
    @Arg('id', () => ID) id: string,
    @Arg('xml', () => String, {
      description: `The metadata document as text, at most ${MAX_METADATA_LENGTH} characters.`,
    })
    xml: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SamlIntegrationView> {
    return ctx.services.samlIntegrations.importIdentityProviderMetadata(adminOf(ctx), id, xml);
  }

  @Mutation(() => SamlIntegration, {
    description: 'Allows sign-in through the integration; it must be complete.',
  })
  async enableSamlIntegration(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SamlIntegrationView> {
    return ctx.services.samlIntegrations.setEnabled(adminOf(ctx), id, true);
  }

  @Mutation(() => SamlIntegration, { description: 'Stops sign-in through the integration.' })
  async disableSamlIntegration(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SamlIntegrationView> {
    return ctx.services.samlIntegrations.setEnabled(adminOf(ctx), id, false);
  }

  @Mutation(() => ID, { description: 'Deletes the integration and returns its id.' })
  async deleteSamlIntegration(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<string> {
    return ctx.services.samlIntegrations.delete(adminOf(ctx), id);
  }
}
