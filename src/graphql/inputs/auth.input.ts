import { IsNotEmpty, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

import { MAX_PASSWORD_LENGTH } from '../../domain/auth/password';

@InputType({ description: 'Local sign-in of an admin with email and password.' })
export class SignInInput {
  @Field(() => String, { description: "The organization's slug, such as `default`." })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(63, { message: 'must have at most 63 characters' })
  organization!: string;

  @Field(() => String, { description: "The admin's userName, normally an email address." })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(320, { message: 'must have at most 320 characters' })
  email!: string;

  @Field(() => String)
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(MAX_PASSWORD_LENGTH, {
    message: `must have at most ${MAX_PASSWORD_LENGTH} characters`,
  })
  password!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String, { description: 'The current (or one-time) password.' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(MAX_PASSWORD_LENGTH, {
    message: `must have at most ${MAX_PASSWORD_LENGTH} characters`,
  })
  currentPassword!: string;

  @Field(() => String, { description: 'At least 12 characters.' })
  newPassword!: string;
}
