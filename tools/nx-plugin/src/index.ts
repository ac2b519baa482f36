export { default as clientBffGenerator } from './generators/client-bff/client-bff.generator';
export { default as composedRouteGenerator } from './generators/composed-route/composed-route.generator';
