// A fake app that exits with code 1 before it listens (see run-fake-app.ts).
import { runFakeApp } from './run-fake-app';

runFakeApp({ crashAtStart: 1 });
