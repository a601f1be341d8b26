// A fake app whose /readyz never answers 200 (see run-fake-app.ts).
import { runFakeApp } from './run-fake-app';

runFakeApp({ neverReady: true });
