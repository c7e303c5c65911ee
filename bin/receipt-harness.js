#!/usr/bin/env node
// The installed command. The package ships its TypeScript sources: tsx (a dependency) runs them, so nothing is
// compiled at install time and nothing is downloaded at run time.
import { register } from 'tsx/esm/api';

register();
await import('../cli/receipt-harness.js');
