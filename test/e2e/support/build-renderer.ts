import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Builds the renderer once per run, exactly as the packaged app and `npm run web` get it. */
export default async function buildRenderer(): Promise<void> {
  // Vitest sets NODE_ENV=test, which would give React's development build; test what ships.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ mode: 'production', configFile: fileURLToPath(new URL('../../../renderer/vite.config.ts', import.meta.url)), logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
