#!/usr/bin/env node
// The `maintien` command. TypeScript sources run through tsx's loader, so a fresh clone needs
// no build step for the server and the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
