/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // jsdom tests resolve packages' node builds too (uuid's browser build, under exceljs, is ESM-only).
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/tests/helpers/office-app-enum.js' },
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFiles: ['<rootDir>/tests/helpers/jsdom-setup.ts'],
  // The CLI tests run the built command; the suite builds it once before any test.
  globalSetup: '<rootDir>/tests/global-setup.js',
  testTimeout: 60000,
  // A child process or server a test failed to close must not keep the run open after its last test.
  forceExit: true,
  reporters: ['default', '<rootDir>/tests/summary-reporter.js'],
};
