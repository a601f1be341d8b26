// The Go build helpers live in tools/infra (which builds Jaeger with them too).
export { goBuild, requiredVersion } from '@cqrs/tools-infra';
