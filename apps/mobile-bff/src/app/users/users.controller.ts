import { Controller, Get, Param } from '@nestjs/common';
import { OwnerOrScope } from '@bff/auth';
import { CachePolicy, paramTag } from '@bff/caching';
import type { MobileUser } from '@bff/mobile-contracts';
import { ResourceIdPipe } from '@bff/platform';
import { UserClient } from '@bff/service-clients';

/** Routing: the profile screen gets the user service's profile, minus what it never shows. */
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserClient) {}

  /** Object-level authorization: a caller reads their own profile unless granted `users:read:any`. */
  @Get(':userId')
  @OwnerOrScope({ param: 'userId', scope: 'users:read:any' })
  @CachePolicy({ ttlSeconds: 15, scope: 'per-user', tags: paramTag('user', 'userId') })
  async get(@Param('userId', ResourceIdPipe) userId: string): Promise<MobileUser> {
    const { id, name, email, address } = await this.users.getUser(userId);
    // Field by field, the address too: whatever else the user service adds stays here.
    const { line1, city, postalCode, country } = address;
    return { id, name, email, address: { line1, city, postalCode, country } };
  }
}
