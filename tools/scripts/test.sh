#!/bin/sh
# `npm test`: lint, types, the generated-contract check, the Dockerfile lint, the alerting rules
# (promtool check and unit tests; promtool is built from the Go module proxy on first use), then the unit,
# integration and end-to-end tiers of every project. Integration and end-to-end tests share one
# embedded Kafka and engine, started here if not already running and stopped afterwards if started
# here. Then the fault suite (the whole system on its own broker and engine, broken on purpose and
# reconciled), a 2-minute soak (the whole system under half its capacity: zero errors, live heaps
# flat; about 4 minutes with start and capacity probe), the cluster tier on a real Kubernetes control plane built from the Go module proxy
# (cached outside git; the first build takes about 6 minutes on 2 idle cores), and last the pods
# tier: the whole system in real pods on a one-node cluster with a real kubelet (tools/cluster),
# started here unless running and stopped afterwards if started here.
set -eu
cd "$(dirname "$0")/../.."
export NX_DAEMON="${NX_DAEMON:-false}" NX_TUI=false NX_NO_CLOUD=true
summary_dir="tmp/test-summary"
rm -rf "$summary_dir" && mkdir -p "$summary_dir"
export JEST_SUMMARY_DIR="$PWD/$summary_dir"
# The closing report comes last, also when a step failed: the failed tests and their messages,
# then the counts. It fails the run when any test failed or none ran.
report() {
  status=$?
  node tools/dev/jest/summary.js "$summary_dir" || status=1
  exit "$status"
}
trap report EXIT

nx run-many -t lint typecheck --outputStyle=static
tsx --tsconfig tsconfig.base.json tools/openapi/src/cli.ts check
nx run tools-deploy:lint-dockerfile --outputStyle=static
nx run tools-deploy:check-alerts --outputStyle=static
nx run-many -t test-unit --outputStyle=static --skip-nx-cache
tsx --tsconfig tsconfig.base.json tools/dev/src/with-infra.ts -- nx run-many -t test-int test-e2e --outputStyle=static --parallel=1 --skip-nx-cache
nx run-many -t test-faults --outputStyle=static --parallel=1 --skip-nx-cache
tsx --tsconfig tsconfig.base.json tools/bench/src/soak/soak.ts --minutes 2
tsx --tsconfig tsconfig.base.json tools/cluster/src/cli.ts build
nx run-many -t test-cluster --outputStyle=static --parallel=1 --skip-nx-cache
tsx --tsconfig tsconfig.base.json tools/cluster/src/with-real-cluster.ts -- nx run-many -t test-pods --outputStyle=static --parallel=1 --skip-nx-cache
