/** Set by esbuild.mjs: true in development and test builds, false in the production bundle (`--production`). */
declare const TEST_BUILD: boolean;
