import { Controller, Get, Param, Post, type Provider } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createFastifyAdapter, PlatformModule, RequestContext, ResourceIdPipe } from '@bff/platform';
import type { AddressInfo } from 'node:net';
import { OwnerOrScope, Public, RequireScopes } from '../access-policy.decorator';
import type { AuthOptions } from '../auth-options';
import { AuthModule } from '../auth.module';
import type { AuthenticatedUser } from '../authenticated-user';
import { CurrentUser } from '../current-user.decorator';
import { JWT_STRATEGY, type JwtStrategy } from '../jwt/jwt.strategy';
import type { WebSessionOptions } from '../session/web-session-options';
import { WebSessionModule } from '../session/web-session.module';

@Controller()
class ShopController {
  /** Answers who the gateway thinks is asking: a public route still identifies a signed-in caller. */
  @Public()
  @Get('products')
  products() {
    return { items: [], subject: RequestContext.current()?.data.subject ?? null };
  }

  @Get('profile')
  profile(@CurrentUser() user: AuthenticatedUser) {
    return { user, subject: RequestContext.current()?.data.subject };
  }

  @RequireScopes('orders:write')
  @Post('orders')
  createOrder(@CurrentUser() user: AuthenticatedUser) {
    return { orderedBy: user.sub };
  }

  @Post('wishlist')
  addToWishlist(@CurrentUser() user: AuthenticatedUser) {
    return { owner: user.sub };
  }

  @OwnerOrScope({ param: 'userId', scope: 'users:read:any' })
  @Get('users/:userId')
  user(@Param('userId', ResourceIdPipe) userId: string) {
    return { id: userId };
  }
}

export interface TestApp {
  url: string;
  /** The name its passport-jwt strategy is registered under in passport. */
  strategyName: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Specs send many refused tokens on purpose; unless one sets its own budget, the
 * failed-authentication limit stays out of their way.
 */
const GENEROUS_FAILURES = { limit: 1_000_000, windowSeconds: 60 };

/** A small gateway on a real port: platform (problem+json, request context), auth, optional sessions. */
export async function startTestApp(options: {
  auth: AuthOptions;
  session?: WebSessionOptions;
  /** Extra providers in the root module, e.g. lifecycle probes. */
  providers?: Provider[];
}): Promise<TestApp> {
  const { session, providers = [] } = options;
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ service: 'test-bff' }),
      AuthModule.forRootAsync({ useFactory: () => ({ failures: GENEROUS_FAILURES, ...options.auth }) }),
      ...(session === undefined ? [] : [WebSessionModule.forRootAsync({ useFactory: () => session })]),
    ],
    controllers: [ShopController],
    providers,
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    url,
    strategyName: app.get<JwtStrategy>(JWT_STRATEGY).name,
    fetch: (path, init) => fetch(url + path, init),
    close: () => app.close(),
  };
}

export function bearer(token: string): RequestInit {
  return { headers: { authorization: `Bearer ${token}` } };
}

