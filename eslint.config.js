import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // No module-level mutable state in the server (issue 10): what a module needs it is given by the composition
    // root (server/src/compose.ts), so two shops in one process (tests, the desktop core) never share anything.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*.test.ts', 'server/src/cli/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'Program > VariableDeclaration[kind="let"], Program > ExportNamedDeclaration > VariableDeclaration[kind="let"]',
          message:
            'No module-level `let`: keep state in an object the composition root makes (server/src/compose.ts).',
        },
        {
          // A constant set or map is declared ReadonlySet / ReadonlyMap, so the compiler refuses writes to it.
          selector:
            ':matches(Program > VariableDeclaration, Program > ExportNamedDeclaration > VariableDeclaration) > VariableDeclarator:not([id.typeAnnotation.typeAnnotation.typeName.name=/^Readonly(Set|Map)$/]) > :matches(NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet|Array)$/], ArrayExpression[elements.length=0])',
          message:
            'No module-level collection that can be written: it is state shared by every shop in the process. Make it in a factory, or declare a constant ReadonlySet / ReadonlyMap.',
        },
      ],
    },
  },
  {
    files: ['**/cli/**', 'tests/bench/**', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    // The web shop, the design system and the counter's screens run in the browser and are React.
    files: ['webshop/src/**/*.{ts,tsx}', 'ui/src/**/*.{ts,tsx}', 'desktop/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
