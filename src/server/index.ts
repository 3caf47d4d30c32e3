/**
 * `doyaku/server`: the HTTP service as a library — build the Fastify app on a knowledge base (to
 * embed it or `inject` requests in tests), listen, or run the worker cluster. docs/http.md, docs/erp.md.
 */
export { buildApp, HttpError, errorResponse, type AppOptions, type ErrorBody } from './app.js';
export { listen, serveCluster, warm, defaultPort, type ServeOptions } from './serve.js';
export { routes, availableRoutes, articleAnswer, coverageOf, type Route, type RouteContext } from './routes.js';
export { openApiDocument } from './openapi.js';
