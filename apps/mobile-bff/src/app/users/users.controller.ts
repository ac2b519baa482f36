import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { OwnerOrScope } from '@bff/auth';
import { CachePolicy, paramTag } from '@bff/caching';
import type { MobileUser } from '@bff/mobile-contracts';
import { ApiProblems, ApiResourceId, ResourceIdPipe, headerRefs } from '@bff/platform';
import { UserClient } from '@bff/service-clients';

/** Routing: the profile screen gets the user service's profile, minus what it never shows. */
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
  @ApiResourceId('userId', 'The user’s id.')
  @ApiOkResponse({
    description: 'The profile.',
    schema: { $ref: '#/components/schemas/MobileUser' },
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
  async get(@Param('userId', ResourceIdPipe) userId: string): Promise<MobileUser> {
    const { id, name, email, address } = await this.users.getUser(userId);
    // Field by field, the address too: whatever else the user service adds stays here.
    const { line1, city, postalCode, country } = address;
    return { id, name, email, address: { line1, city, postalCode, country } };
  }
}
