// 'receipt-contract-harness': the contract, the checks and judge() (sources in lib/index.ts; types in types/).
import './register-tsx.js';

export const { contract, loadContract, assess, checks, judgeExchange, formatViolation, judge, readTarget, basicAuth } =
  await import('../lib/index.js');
