import { describeTlsHttp2 } from '@bff/testing';

// Product 2's web page is 6.7 KB of JSON; a refused id is a problem+json of under 200 bytes.
describeTlsHttp2('web-bff', { largePage: '/product-details/2', smallAnswer: '/product-details/..%2Fx' });
