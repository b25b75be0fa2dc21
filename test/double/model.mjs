// The resource model, one module per job; this facade is what commands import as `M`.
export * from './kinds.mjs';
export * from './seed.mjs';
export * from './objects.mjs';
export * from './selectors.mjs';
export * from './controllers.mjs';
export * from './views.mjs';
export * from './versions.mjs';
