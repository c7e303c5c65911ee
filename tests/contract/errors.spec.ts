import { defineSuite } from './define-suite.js';
import { suites } from './probes/index.js';

defineSuite(suites.errors);
