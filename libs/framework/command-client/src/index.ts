export { cmdhClientConfigShape, connectCmdhClient, type CmdhClientConfig } from './cmdh-client';
export { classifyAnswer, parseRetryAfter, type CommandAnswer } from './command-answer';
export {
  createCommandClient,
  type CommandClient,
  type CommandClientOptions,
  type OutgoingCommand,
} from './command-client';
export {
  callOf,
  type CallInput,
  type CommandCall,
  type CommandMethod,
  type CommandRoute,
} from './command-call';
