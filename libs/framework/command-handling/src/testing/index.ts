export { deciderSpec, type DeciderSpec, type Given, type Then } from './decider-spec';
export {
  pipelineWriter,
  type PipelineWriter,
  type WriteMeta,
  type WriteModel,
} from './pipeline-writer';
export { sampleDocument, type SampleDocument } from './sample-document';
