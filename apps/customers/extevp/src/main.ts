import { runMain } from '@cqrs/framework-core';
import { start } from './app';
import { loadConfig } from './config';

void runMain(async () => {
  await start(loadConfig());
});
