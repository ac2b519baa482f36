import { useCallback, useEffect, useState } from 'react';
import type { Unavailable } from '@bff/contracts';
import type { WebProductDetails, WebReviewPage } from '@bff/web-contracts';
import type { ApiClient, ProductPage as LoadedPage } from '../api/api.client';
import { ProblemNotice } from '../app/problem.notice';
import { hrefOf } from '../routing/hash-route';
import type { Session } from '../session/session';
import { ReviewForm } from './review.form';
import { type ProductPart, formatMoney, unavailableMessage } from './section-message';

type Review = WebReviewPage['items'][number];

interface ProductPageProps {
  api: ApiClient;
  productId: string;
  session: Session | null | undefined;
  onUnauthorized: () => void;
}

/** Reviews loaded past the page's first ten, and where the next page starts. */
interface MoreReviews {
  items: Review[];
  nextCursor: string | null;
}

/**
 * A product page from one `GET /product-details/:id`. Each optional part the BFF
 * could not load is shown as a message in its own place; the rest of the page stands.
 */
export function ProductPage({ api, productId, session, onUnauthorized }: ProductPageProps) {
  const [page, setPage] = useState<LoadedPage | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [more, setMore] = useState<MoreReviews | undefined>(undefined);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);

  const load = useCallback(
    async (fresh: boolean) => {
      try {
        const loaded = await api.productPage(productId, { fresh });
        setPage(loaded);
        setError(undefined);
        setMore(undefined);
      } catch (failure) {
        setError(failure);
      }
    },
    [api, productId],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  if (error !== undefined && page === undefined) return <ProblemNotice error={error} />;
  if (page === undefined) return <p className="loading">Loading the product…</p>;
  const { product, reviews, inventory, delivery } = page.details;

  const nextCursor = more ? more.nextCursor : reviews.status === 'ok' ? reviews.nextCursor : null;
  const loadMore = async () => {
    if (nextCursor === null) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const next = await api.moreReviews(productId, nextCursor);
      setMore({ items: [...(more?.items ?? []), ...next.items], nextCursor: next.nextCursor });
    } catch (failure) {
      setMoreError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <article className="product" data-testid="product">
      {error === undefined ? null : <ProblemNotice error={error} />}
      {page.degraded.length === 0 ? null : (
        <p className="degraded-note" role="status" data-testid="degraded-note">
          Parts of this page could not be loaded: {page.degraded.join(', ')}.
        </p>
      )}
      <section className="card">
        <p className="brand-line">
          {product.brand} · {product.category}
        </p>
        <h1 data-testid="product-name">{product.name}</h1>
        <p className="price">{formatMoney(product.price)}</p>
        <p>{product.description}</p>
        <dl className="facts">
          {Object.entries(product.attributes).map(([name, value]) => (
            <div key={name} className="fact">
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div className="columns">
        <section className="card" data-testid="stock">
          <h2>Stock</h2>
          {inventory.status === 'unavailable' ? (
            <Degraded part="inventory" section={inventory} />
          ) : (
            <>
              <p className={inventory.inStock ? 'in-stock' : 'out-of-stock'}>
                {inventory.inStock ? `In stock: ${inventory.totalQuantity}` : 'Out of stock'}
              </p>
              <ul className="plain">
                {inventory.warehouses.map((warehouse) => (
                  <li key={warehouse.warehouseId}>
                    {warehouse.name}: {warehouse.quantity}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <section className="card" data-testid="delivery">
          <h2>Delivery</h2>
          {delivery.status === 'unavailable' ? (
            <Degraded part="delivery" section={delivery} />
          ) : (
            <ul className="plain">
              {delivery.options.map((option) => (
                <li key={option.id}>
                  {option.name}: {option.estimatedDays} {option.estimatedDays === 1 ? 'day' : 'days'},{' '}
                  {option.cost.amountMinor === 0 ? 'free' : formatMoney(option.cost)}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="card" data-testid="reviews">
        <h2>Reviews</h2>
        {reviews.status === 'unavailable' ? (
          <Degraded part="reviews" section={reviews} />
        ) : (
          <>
            <Summary summary={reviews.summary} />
            <ReviewList items={[...reviews.items, ...(more?.items ?? [])]} />
            {nextCursor === null ? null : (
              <button type="button" onClick={() => void loadMore()} disabled={loadingMore} data-testid="more-reviews">
                {loadingMore ? 'Loading…' : 'More reviews'}
              </button>
            )}
            {moreError === undefined ? null : <ProblemNotice error={moreError} />}
          </>
        )}
      </section>

      <section className="card">
        <h2>Write a review</h2>
        {session === undefined ? null : session === null ? (
          <p>
            <a href={hrefOf({ page: 'sign-in', next: hrefOf({ page: 'product', productId }) })}>Sign in</a> to write a review.
          </p>
        ) : (
          <ReviewForm
            api={api}
            productId={productId}
            session={session}
            onUnauthorized={onUnauthorized}
            onPublished={() => load(true)}
          />
        )}
      </section>
    </article>
  );
}

function Degraded({ part, section }: { part: ProductPart; section: Unavailable }) {
  return (
    <p className="degraded" role="status" data-testid={`${part}-unavailable`}>
      {unavailableMessage(part, section.reason)}
    </p>
  );
}

type ReviewsSection = Extract<WebProductDetails['reviews'], { status: 'ok' }>;

function Summary({ summary }: { summary: ReviewsSection['summary'] }) {
  if (summary.count === 0) return <p>No reviews yet.</p>;
  return (
    <p className="summary">
      <span className="stars" aria-hidden="true">
        {stars(Math.round(summary.average))}
      </span>{' '}
      {summary.average.toFixed(1)} out of 5 from {summary.count} {summary.count === 1 ? 'review' : 'reviews'}
    </p>
  );
}

function ReviewList({ items }: { items: Review[] }) {
  return (
    <ol className="reviews plain" data-testid="review-list">
      {items.map((review) => (
        <li key={review.id} className="review">
          <p className="review-head">
            <span className="stars" aria-label={`${review.rating} out of 5`}>
              {stars(review.rating)}
            </span>{' '}
            <strong>{review.title}</strong>
          </p>
          <p>{review.body}</p>
          <p className="byline">
            {review.author}, {new Date(review.createdAt).toLocaleDateString('en-GB')}
          </p>
        </li>
      ))}
    </ol>
  );
}

function stars(rating: number): string {
  return '★'.repeat(rating) + '☆'.repeat(5 - rating);
}
