import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { SchemaPipe } from '@bff/platform';
import { CredentialsService } from './credentials.service';
import { type VerifyCredentialsInput, verifyCredentialsSchema } from './verify-credentials.schema';

@Controller('credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  /** 200 `{ userId }` for a match, else 401; a check, not a sign-in, so nothing is created. */
  @Post('verify')
  @HttpCode(200)
  verify(@Body(new SchemaPipe(verifyCredentialsSchema)) input: VerifyCredentialsInput): Promise<{ userId: string }> {
    return this.credentials.verify(input.email, input.password);
  }
}
