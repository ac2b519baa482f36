import { useEffect, useState } from 'react';
import { type Route, parseHashRoute } from '../routing/hash-route';

/** The route of the current fragment, following every change of it. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHashRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHashRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
