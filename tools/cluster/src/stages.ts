import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultStageFiles } from './binaries';

/** A container image whose tag is this never becomes Ready (see README: failing rollouts). */
export const neverReadyTag = 'never-ready';

/**
 * A pod with any container image tagged `never-ready` goes Running but stays not Ready forever,
 * so a rollout of it never completes. kwok's default `pod-ready` stage is kept off those pods
 * (see {@link excludeNeverReady}), so this is the only stage that matches them.
 */
export const neverReadyStage = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-running-never-ready
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  weight: 1
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Pending'
    - key: '.spec.containers.[].image | endswith(":${neverReadyTag}")'
      operator: 'In'
      values:
      - 'true'
  next:
    statusTemplate: |
      {{ $now := Now }}

      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Initialized
      - lastTransitionTime: {{ $now | Quote }}
        status: "False"
        reason: ContainersNotReady
        message: "readiness probe never passes (image tag ${neverReadyTag})"
        type: Ready
      - lastTransitionTime: {{ $now | Quote }}
        status: "False"
        reason: ContainersNotReady
        type: ContainersReady

      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        started: true
        restartCount: 0
        state:
          running:
            startedAt: {{ $now | Quote }}
      {{ end }}
      {{ $hostIPs := NodeIPsWith .spec.nodeName }}
      {{ with $hostIPs }}
      hostIP: {{ index . 0 | Quote }}
      hostIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}
      {{ $podIPs := PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
      {{ with $podIPs }}
      podIP: {{ index . 0 | Quote }}
      podIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}
      phase: Running
      startTime: {{ $now | Quote }}
`;

/**
 * Keeps kwok's default `pod-ready` stage off never-ready pods. Weights alone were seen to let it
 * win now and then (a never-ready pod became Ready), so the two stages must not both match.
 */
const notNeverReady = `    matchExpressions:
    - key: '.spec.containers.[].image | endswith(":${neverReadyTag}")'
      operator: 'NotIn'
      values:
      - 'true'`;

export function excludeNeverReady(stage: string): string {
  if (!/^\s*name: pod-ready$/m.test(stage)) return stage;
  if (!stage.includes('    matchExpressions:')) throw new Error('pod-ready stage has no selector');
  return stage.replace('    matchExpressions:', notNeverReady);
}

/** The kwok `--config` file: kwok's default node and pod stages plus the never-ready stage. */
export function kwokConfig(stagesDir: string): string {
  const defaults = defaultStageFiles.map((file) =>
    excludeNeverReady(readFileSync(path.join(stagesDir, path.basename(file)), 'utf8').trim()),
  );
  return [...defaults, neverReadyStage.trim()].join('\n---\n') + '\n';
}
