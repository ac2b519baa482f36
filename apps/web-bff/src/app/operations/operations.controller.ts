import { Controller, Get, Param, Res } from '@nestjs/common';
import { type AuthenticatedUser, CurrentUser } from '@bff/auth';
import type { Operation } from '@bff/contracts';
import { ResourceIdPipe } from '@bff/platform';
import { Operations } from '@bff/reviews';
import type { FastifyReply } from 'fastify';

/**
 * Where a submitted command stands (`pending`, `done` with the review's id, or
 * `failed`). Any signed-in caller may ask, but only the command's author gets an
 * answer; to anyone else the operation does not exist. Never cached: a client polls
 * it until it changes.
 */
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: Operations) {}

  @Get(':id')
  async find(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Operation> {
    void reply.header('cache-control', 'no-store');
    return this.operations.find(id, user.sub);
  }
}
