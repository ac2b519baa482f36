import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * The verified caller, as the auth guard left it on the request. On a `@Public()`
 * route it is `undefined`.
 *
 * @example
 * @Get('me')
 * me(@CurrentUser() user: AuthenticatedUser) {
 *   return { id: user.sub };
 * }
 */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user,
);
