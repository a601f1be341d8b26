// First: when tracing is on, it patches express, mongodb and kafkajs as they load.
import '@cqrs/framework-core/tracing';
import { runMain } from '@cqrs/framework-core';
import { start } from './app';
import { loadConfig } from './config';

void runMain(async () => {
  await start(loadConfig());
});
