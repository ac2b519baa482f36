import { Controller, Get, Param } from '@nestjs/common';
import type { MobileUser } from '@bff/mobile-contracts';
import { ResourceIdPipe } from '@bff/platform';
import { UserClient } from '@bff/service-clients';

/** Routing: the profile screen gets the user service's profile, minus what it never shows. */
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserClient) {}

  @Get(':userId')
  async get(@Param('userId', ResourceIdPipe) userId: string): Promise<MobileUser> {
    const { id, name, email, address } = await this.users.getUser(userId);
    return { id, name, email, address };
  }
}
