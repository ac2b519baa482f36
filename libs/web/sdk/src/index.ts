export {
  createWebBffClient,
  type WebBffClient,
  type WebBffClientOptions,
  type WebBffOperations,
  type WebBffPaths,
  type WebBffSchema,
  type WebBffSchemas,
} from './lib/web-bff.sdk';
