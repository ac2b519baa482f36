import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { statusOf } from '@bff/problem';
import { catchError, concatMap, from, map, Observable, throwError } from 'rxjs';
import { CACHE_INVALIDATION, InvalidationTags } from './cache-invalidation';
import type { CacheableRequest } from './cacheable-request';
import { ResponseCacheStore } from './response-cache.store';

/** Runs the invalidation a route declared with `@InvalidatesCache`, after its handler. */
@Injectable()
export class CacheInvalidationInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: ResponseCacheStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const tagsOf = this.reflector.get<InvalidationTags | undefined>(CACHE_INVALIDATION, context.getHandler());
    if (tagsOf === undefined || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<CacheableRequest>();
    const invalidate = () => from(this.store.invalidate(tagsOf(request)));
    return next.handle().pipe(
      concatMap((value) => invalidate().pipe(map(() => value))),
      catchError((error: unknown) =>
        mayHaveWritten(error)
          ? invalidate().pipe(concatMap(() => throwError(() => error)))
          : throwError(() => error),
      ),
    );
  }
}

/** A 4xx means the write was refused; anything else may have reached the service that stores it. */
function mayHaveWritten(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}
