/**
 * Browser tests: headless Chromium against a Roster server with the built console. They run
 * with `npm run test:browser`, never with `npm test`, so `npm test` needs no browser.
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/browser/**/*.browser.ts'],
  maxWorkers: 1,
  testTimeout: 120000,
};
