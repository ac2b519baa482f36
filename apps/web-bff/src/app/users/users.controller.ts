import { Controller, Get, Param } from '@nestjs/common';
import { OwnerOrScope } from '@bff/auth';
import { CachePolicy, paramTag } from '@bff/caching';
import { ResourceIdPipe } from '@bff/platform';
import { UserClient } from '@bff/service-clients';
import type { WebUser } from '@bff/web-contracts';
import { toWebUser } from './web-user.mapper';

/** Routing: the account page gets the user service's profile, mapped to the web contract. */
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserClient) {}

  /** Object-level authorization: a caller reads their own profile unless granted `users:read:any`. */
  @Get(':userId')
  @OwnerOrScope({ param: 'userId', scope: 'users:read:any' })
  @CachePolicy({ ttlSeconds: 15, scope: 'per-user', tags: paramTag('user', 'userId') })
  async get(@Param('userId', ResourceIdPipe) userId: string): Promise<WebUser> {
    return toWebUser(await this.users.getUser(userId));
  }
}
