import { describeTlsHttp2 } from '@bff/testing';

// Product 42's mobile screen is just over 1 KiB, the largest the demo data gives; most are under.
describeTlsHttp2('mobile-bff', { largePage: '/product-details/42', smallAnswer: '/product-details/..%2Fx' });
