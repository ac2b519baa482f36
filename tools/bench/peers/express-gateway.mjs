#!/usr/bin/env node
/**
 * The peer a BFF is compared with: an Express 4 + axios gateway written the textbook
 * way, nothing tuned. Same two routes as the BFFs, reading the same variables:
 *
 *   GET /users/:id            proxies the user service
 *   GET /product-details/:id  product, first review page and stock in parallel, merged
 *
 *   PORT=8080 USER_SERVICE_URL=http://127.0.0.1:4004 … node tools/bench/peers/express-gateway.mjs
 */
import axios from 'axios';
import express from 'express';

const { PRODUCT_SERVICE_URL, REVIEW_SERVICE_URL, INVENTORY_SERVICE_URL, USER_SERVICE_URL } = process.env;
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

const app = express();

app.get('/users/:id', async (req, res, next) => {
  try {
    const { data } = await axios.get(`${USER_SERVICE_URL}/users/${encodeURIComponent(req.params.id)}`);
    res.json(data);
  } catch (error) {
    next(error);
  }
});

app.get('/product-details/:id', async (req, res, next) => {
  try {
    const id = encodeURIComponent(req.params.id);
    const [product, reviews, inventory] = await Promise.all([
      axios.get(`${PRODUCT_SERVICE_URL}/products/${id}`),
      axios.get(`${REVIEW_SERVICE_URL}/reviews`, { params: { productId: req.params.id, limit: 10 } }),
      axios.get(`${INVENTORY_SERVICE_URL}/inventory/${id}`),
    ]);
    res.json({ ...product.data, reviews: reviews.data, inventory: inventory.data });
  } catch (error) {
    next(error);
  }
});

const server = app.listen(port, host, () => {
  console.log(`express-gateway listening on http://${host}:${server.address().port}`);
});
