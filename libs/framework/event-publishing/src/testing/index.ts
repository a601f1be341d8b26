export {
  evpUnderTest,
  type EvpUnderTest,
  type EvpUnderTestSpec,
  type PublishedEvent,
} from './evp-under-test';
