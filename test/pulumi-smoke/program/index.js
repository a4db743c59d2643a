// A Pulumi program with one dynamic resource: a file written into the folder given by config `dir`.
// The provider object is serialized into the stack state and later run by the dynamic-provider plugin,
// so it stays self-contained and require()s what it needs inside its methods.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS program, as the engine runs it (no build step) */
const pulumi = require('@pulumi/pulumi');

const fileProvider = {
  async create(inputs) {
    const fs = require('node:fs');
    const path = require('node:path');
    const file = path.join(inputs.dir, inputs.fileName);
    fs.mkdirSync(inputs.dir, { recursive: true });
    fs.writeFileSync(file, inputs.content);
    return { id: file, outs: { ...inputs, path: file } };
  },
  async diff(_id, olds, news) {
    const replaces = ['dir', 'fileName'].filter((k) => olds[k] !== news[k]);
    const changes = replaces.length > 0 || olds.content !== news.content;
    return { changes, replaces, deleteBeforeReplace: true };
  },
  async update(id, _olds, news) {
    const fs = require('node:fs');
    fs.writeFileSync(id, news.content);
    return { outs: { ...news, path: id } };
  },
  async read(id, props) {
    const fs = require('node:fs');
    if (!fs.existsSync(id)) return {};
    return { id, props: { ...props, content: fs.readFileSync(id, 'utf8'), path: id } };
  },
  async delete(id) {
    const fs = require('node:fs');
    fs.rmSync(id, { force: true });
  },
};

class SmokeFile extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(fileProvider, name, { ...args, path: undefined }, opts);
  }
}

const config = new pulumi.Config();
const file = new SmokeFile('smoke-file', {
  dir: config.require('dir'),
  fileName: 'smoke.txt',
  content: config.get('content') ?? 'written by the pulumi smoke test\n',
});

exports.filePath = file.path;
exports.content = file.content;
