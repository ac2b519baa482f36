import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { OwnerOrScope } from '@bff/auth';
import { CachePolicy, paramTag } from '@bff/caching';
import { ApiProblems, ApiResourceId, ResourceIdPipe, headerRefs } from '@bff/platform';
import { UserClient } from '@bff/service-clients';
import type { WebUser } from '@bff/web-contracts';
import { toWebUser } from './web-user.mapper';

/** Routing: the account page gets the user service's profile, mapped to the web contract. */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserClient) {}

  /** Object-level authorization: a caller reads their own profile unless granted `users:read:any`. */
  @Get(':userId')
  @OwnerOrScope({ param: 'userId', scope: 'users:read:any' })
  @CachePolicy({ ttlSeconds: 15, scope: 'per-user', tags: paramTag('user', 'userId') })
  @ApiOperation({
    operationId: 'getUser',
    summary: 'A user’s profile',
    description: 'The caller’s own, unless their token has the scope `users:read:any`.',
  })
  @ApiSecurity('bearerAuth')
  @ApiSecurity('sessionCookie')
  @ApiResourceId('userId', 'The user’s id.')
  @ApiOkResponse({
    description: 'The profile.',
    schema: { $ref: '#/components/schemas/WebUser' },
    headers: headerRefs('ETag', 'Cache-Control', 'Vary', 'x-cache', 'RateLimit', 'RateLimit-Policy'),
  })
  @ApiResponse({
    status: 304,
    description: 'Not modified: `If-None-Match` matched.',
    headers: headerRefs('ETag', 'Cache-Control'),
  })
  @ApiProblems(
    'INVALID_ID',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'NOT_FOUND',
    'UPSTREAM_BAD_RESPONSE',
    'UPSTREAM_UNAVAILABLE',
    'UPSTREAM_TIMEOUT',
  )
  async get(@Param('userId', ResourceIdPipe) userId: string): Promise<WebUser> {
    return toWebUser(await this.users.getUser(userId));
  }
}
