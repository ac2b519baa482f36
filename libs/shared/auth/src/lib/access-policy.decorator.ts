import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'bff:auth:public';
export const REQUIRED_SCOPES = 'bff:auth:scopes';
export const OWNER_OR_SCOPE = 'bff:auth:owner-or-scope';

/**
 * Which route parameter names the owner, and which scope overrides ownership.
 *
 * @example
 * const policy: OwnerOrScopePolicy = { param: 'userId', scope: 'users:read:any' };
 */
export interface OwnerOrScopePolicy {
  /** Route parameter holding the owner's user id. */
  param: string;
  /** Scope that grants access to anyone's resource. */
  scope: string;
}

/**
 * Opens a route (or every route of a controller) to anonymous callers. Every other
 * route needs a valid token or, on the web gateway, a session. Credentials sent to
 * a public route are not looked at, so a public response never depends on who asked.
 *
 * @example
 * @Public()
 * @Get('products')
 * list() {}
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Requires every listed scope; a caller without them gets 403 with
 * `WWW-Authenticate: Bearer error="insufficient_scope"`. A handler's list replaces
 * its controller's.
 *
 * @example
 * @RequireScopes('orders:write')
 * @Post('orders')
 * create() {}
 */
export const RequireScopes = (...scopes: string[]) => SetMetadata(REQUIRED_SCOPES, scopes);

/**
 * Object-level authorization (OWASP API1): the route parameter must equal the
 * caller's `sub`, unless the caller holds the given scope. Otherwise 403.
 *
 * @example
 * @OwnerOrScope({ param: 'userId', scope: 'users:read:any' })
 * @Get('users/:userId')
 * get(@Param('userId', ResourceIdPipe) userId: string) {}
 */
export const OwnerOrScope = (policy: OwnerOrScopePolicy) => SetMetadata(OWNER_OR_SCOPE, policy);
