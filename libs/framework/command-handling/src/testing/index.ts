export { deciderSpec, type DeciderSpec, type Given, type Then } from './decider-spec';
