// import … from 'receipt-contract-harness': the contract, the check registry and the judge, for a user's own code.
export { contract, loadContract, type Contract } from '../spec/contract.js';
export {
  assess,
  checks,
  judgeExchange,
  type Assessment,
  type Check,
  type CheckContext,
  type Exchange,
  type Expectation,
} from '../spec/checks/index.js';
export { formatViolation, type Violation } from '../spec/violation.js';
export { judge, type AnswerContext, type HttpAnswer } from '../conformance/judge-answer.js';
export { readTarget, type Target } from '../client/settings.js';
export { basicAuth } from '../client/basic-auth.js';
