import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// js-yaml and ajv come with electron-builder (app-builder-lib reads its config with them).
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = yaml.load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('is valid against the schema shipped inside electron-builder (app-builder-lib/scheme.json)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses a misspelt key, so the schema check above can fail', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ ...config, nsis: { oneClik: false } })).toBe(false);
  });

  it('packages the bundled app with its icon and never publishes anywhere', () => {
    expect(config.extraMetadata).toEqual({ main: 'dist/app/electron/main.cjs' });
    expect(config.files).toContain('dist/app/**');
    expect(config.publish).toBeNull();
    expect((config.win as { icon: string }).icon).toBe('resources/icons/icon.png');
  });

  it('sets the fuses that keep the installed app from running other code as Node or from outside its checked asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // onlyLoadAppFromAsar needs the app packed into an asar (electron-builder's default).
    expect(config.asar ?? true).toBe(true);
  });

  it('has a schema that checks the fuses’ names, so a misspelt fuse fails the first test', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ ...config, electronFuses: { runAsNod: false } })).toBe(false);
  });
});
