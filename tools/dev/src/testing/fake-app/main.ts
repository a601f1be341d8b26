// A well-behaved fake app (see run-fake-app.ts).
import { runFakeApp } from './run-fake-app';

runFakeApp();
