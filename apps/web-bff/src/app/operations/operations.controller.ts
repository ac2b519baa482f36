import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '@bff/auth';
import type { Operation } from '@bff/contracts';
import { ApiProblems, ApiResourceId, ResourceIdPipe, headerRefs } from '@bff/platform';
import { Operations } from '@bff/reviews';
import type { FastifyReply } from 'fastify';

/**
 * Where a submitted command stands (`pending`, `done` with the review's id, or
 * `failed`). Any signed-in caller may ask, but only the command's author gets an
 * answer; to anyone else the operation does not exist. Never cached: a client polls
 * it until it changes.
 */
@ApiTags('operations')
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: Operations) {}

  @Get(':id')
  @ApiOperation({
    operationId: 'getOperation',
    summary: 'Where a submitted command stands',
    description: 'Only its author sees it; to anyone else it is 404, like an unknown id.',
  })
  @ApiSecurity('bearerAuth')
  @ApiSecurity('sessionCookie')
  @ApiResourceId('id', 'The operation’s id (the `Idempotency-Key` of its command, or one the gateway made).')
  @ApiOkResponse({
    description: 'The operation.',
    schema: { $ref: '#/components/schemas/Operation' },
    headers: headerRefs('Cache-Control', 'RateLimit', 'RateLimit-Policy'),
  })
  @ApiProblems('INVALID_ID', 'UNAUTHORIZED', 'NOT_FOUND', 'UPSTREAM_UNAVAILABLE')
  async find(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Operation> {
    void reply.header('cache-control', 'no-store');
    return this.operations.find(id, user.sub);
  }
}
