// The deploy benchmarks' program: `resources` dynamic resources (config, default 5) whose create does trivial
// work after waiting `delayMs` (config, default 0), standing in for a cloud API call that takes that long.
// The provider is serialized into the stack state and run by the dynamic-provider plugin: it stays
// self-contained and uses only globals.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS program, as the engine runs it (no build step) */
const pulumi = require('@pulumi/pulumi');

const benchProvider = {
  async create(inputs) {
    if (inputs.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, inputs.delayMs));
    const checksum = [...inputs.payload].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) >>> 0, 7);
    return { id: `${inputs.label}-${checksum.toString(16)}`, outs: { ...inputs, checksum } };
  },
  async diff(_id, olds, news) {
    return { changes: olds.payload !== news.payload || olds.delayMs !== news.delayMs };
  },
  async update(_id, _olds, news) {
    return { outs: { ...news } };
  },
  async delete() {},
};

class BenchResource extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(benchProvider, name, { ...args, checksum: undefined }, opts);
  }
}

const config = new pulumi.Config();
const count = config.getNumber('resources') ?? 5;
const delayMs = config.getNumber('delayMs') ?? 0;

const resources = [];
for (let index = 0; index < count; index++) {
  const label = `item-${index}`;
  resources.push(new BenchResource(label, { label, delayMs, payload: `${pulumi.getStack()}/${label}` }));
}

exports.checksums = resources.map((resource) => resource.checksum);
