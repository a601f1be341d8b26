// A fake app that ignores SIGTERM, so only a kill stops it (see run-fake-app.ts).
import { runFakeApp } from './run-fake-app';

runFakeApp({ ignoreSigterm: true });
