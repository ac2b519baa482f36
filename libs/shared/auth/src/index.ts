export { AuthModule } from './lib/auth.module';
export { BffAuthGuard } from './lib/auth.guard';
export { authConfigShape, authOptionsFromConfig, refineAuthConfig } from './lib/auth-config.schema';
export { OwnerOrScope, Public, RequireScopes } from './lib/access-policy.decorator';
export { CurrentUser } from './lib/current-user.decorator';
export type { AuthenticatedUser } from './lib/authenticated-user';
export { WebSessionModule } from './lib/session/web-session.module';
export type { WebSessionOptions } from './lib/session/web-session-options';
export { webSessionConfigShape } from './lib/session/web-session-config.schema';
