#!/usr/bin/env bash
# Installs AWS's CloudFormation resource specification (npm @aws-cdk/cfnspec) into the gitignored
# .tally/cfnspec and extracts the resource types Tally's template.yaml uses into the committed
# subset the template build test reads:
#   local/runtime/src/test/resources/template/cfnspec/cloudformation-spec-subset.json
# Run it again after adding a new non-SAM resource type to template.yaml (TemplateTest says so).
# The build itself never needs the network: it reads the committed subset.
set -euo pipefail

CFNSPEC_VERSION="${CFNSPEC_VERSION:-2.72.1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INSTALL_DIR="$ROOT/.tally/cfnspec"
OUTPUT="$ROOT/local/runtime/src/test/resources/template/cfnspec/cloudformation-spec-subset.json"

# The resource types whose definitions are extracted, with every property type they use.
TYPES=(
  AWS::CloudWatch::Alarm
  AWS::DynamoDB::Table
  AWS::Logs::LogGroup
  AWS::SecretsManager::Secret
  AWS::SNS::Subscription
  AWS::SNS::Topic
  AWS::SQS::Queue
  AWS::SQS::QueuePolicy
)

mkdir -p "$INSTALL_DIR"
if [ ! -f "$INSTALL_DIR/node_modules/@aws-cdk/cfnspec/package.json" ] \
   || [ "$(node -p "require('$INSTALL_DIR/node_modules/@aws-cdk/cfnspec/package.json').version")" != "$CFNSPEC_VERSION" ]; then
  if ! npm install --prefix "$INSTALL_DIR" --no-save --no-audit --no-fund --ignore-scripts \
      "@aws-cdk/cfnspec@$CFNSPEC_VERSION" >/dev/null; then
    if [ -f "$OUTPUT" ]; then
      echo "install-cfnspec: npm install failed; keeping the committed subset $OUTPUT" >&2
      exit 0
    fi
    echo "install-cfnspec: npm install of @aws-cdk/cfnspec@$CFNSPEC_VERSION failed" >&2
    exit 1
  fi
fi

SPEC_DIR="$INSTALL_DIR/node_modules/@aws-cdk/cfnspec" OUTPUT="$OUTPUT" TYPES="${TYPES[*]}" \
CFNSPEC_VERSION="$CFNSPEC_VERSION" node - <<'NODE'
const fs = require('fs');
const path = require('path');
const spec = JSON.parse(fs.readFileSync(path.join(process.env.SPEC_DIR, 'spec', 'specification.json'), 'utf8'));
const keep = ['Required', 'PrimitiveType', 'Type', 'ItemType', 'PrimitiveItemType'];
const slim = (properties) => Object.fromEntries(Object.keys(properties || {}).sort().map((name) => [name,
  Object.fromEntries(keep.filter((k) => properties[name][k] !== undefined).map((k) => [k, properties[name][k]]))]));
const subset = {
  Source: `npm @aws-cdk/cfnspec@${process.env.CFNSPEC_VERSION}, spec/specification.json`,
  ResourceSpecificationVersion: spec.ResourceSpecificationVersion,
  GeneratedBy: '.ci/install-cfnspec.sh',
  ResourceTypes: {},
  PropertyTypes: {},
};
for (const type of process.env.TYPES.split(' ').sort()) {
  const resource = spec.ResourceTypes[type];
  if (!resource) { console.error(`resource type ${type} is not in the specification`); process.exit(1); }
  subset.ResourceTypes[type] = { Attributes: Object.keys(resource.Attributes || {}).sort(), Properties: slim(resource.Properties) };
  for (const name of Object.keys(spec.PropertyTypes).sort().filter((n) => n.startsWith(type + '.'))) {
    subset.PropertyTypes[name] = { Properties: slim(spec.PropertyTypes[name].Properties) };
  }
}
fs.mkdirSync(path.dirname(process.env.OUTPUT), { recursive: true });
fs.writeFileSync(process.env.OUTPUT, JSON.stringify(subset, null, 1) + '\n');
console.log(`wrote ${process.env.OUTPUT}: ${Object.keys(subset.ResourceTypes).length} resource types, ` +
  `${Object.keys(subset.PropertyTypes).length} property types (spec ${subset.ResourceSpecificationVersion})`);
NODE
