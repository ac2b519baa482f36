import { paramTag } from './param-tag';

describe('paramTag', () => {
  it('names the entity a route parameter identifies', () => {
    expect(paramTag('product', 'productId')({ params: { productId: '42' }, query: {} })).toEqual(['product:42']);
  });
});
