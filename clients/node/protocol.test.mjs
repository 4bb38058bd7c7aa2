// The protocol as an independent client sees it (the official TypeScript SDK over stdio): the specification's error
// codes, list_changed when a migration file appears, and a cancelled apply that stops between statements.
// Run from the repository root after `mvn package`: (cd clients/node && npm ci && npm test)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { LoggingMessageNotificationSchema, ResourceListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const root = resolve(import.meta.dirname, '..', '..');
const jar = process.env.MIGRATE_MCP_JAR ?? join(root, 'target', 'migrate-mcp.jar');

async function connect(dir, migrations) {
  const transport = new StdioClientTransport({
    command: 'java',
    args: ['-jar', jar, '--url', `jdbc:sqlite:${join(dir, 'node.db')}`, '--migrations', migrations,
      '--backups', join(dir, 'backups'), 'serve'],
    stderr: 'ignore',
  });
  const client = new Client({ name: 'node-protocol-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function eventually(condition, what) {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('error codes as the specification says, and list_changed for a new migration file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-mcp-node-'));
  const migrations = join(dir, 'migrations');
  cpSync(join(root, 'migrations'), migrations, { recursive: true });
  const client = await connect(dir, migrations);
  try {
    await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }),
      (e) => e.code === -32602 && /no_such_tool/.test(e.message));
    await assert.rejects(client.readResource({ uri: 'migration://999' }), (e) => e.code === -32002);

    let changed = 0;
    client.setNotificationHandler(ResourceListChangedNotificationSchema, () => { changed++; });
    writeFileSync(join(migrations, '0010_added_later.sql'),
      '-- migrate:up\nCREATE TABLE added_later (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE added_later;\n');
    await eventually(() => changed > 0, 'notifications/resources/list_changed');
    const { resources } = await client.listResources();
    assert.ok(resources.some((r) => r.uri === 'migration://10'), JSON.stringify(resources.map((r) => r.uri)));
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cancelled apply stops between statements and nothing of it stays applied', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-mcp-node-'));
  const migrations = join(dir, 'migrations');
  let up = '-- migrate:up\n';
  let down = '-- migrate:down\n';
  for (let i = 1; i <= 60; i++) {
    up += `CREATE TABLE slow_${i} AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) `
      + 'SELECT x FROM c;\n';
    down += `DROP TABLE IF EXISTS slow_${i};\n`;
  }
  mkdirSync(migrations);
  writeFileSync(join(migrations, '0001_slow.sql'), up + down);
  const client = await connect(dir, migrations);
  try {
    const controller = new AbortController();
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      if (String(n.params.data).startsWith('applying version 1')) controller.abort('the user changed their mind');
    });
    await assert.rejects(client.callTool({ name: 'apply_migration', arguments: {} }, undefined,
      { signal: controller.signal, timeout: 120_000 }));
    let status;
    await eventually(async () => {
      status = (await client.callTool({ name: 'get_current_version', arguments: {} })).structuredContent;
      return status.last_failure !== null || status.failed !== null;
    }, 'the cancelled apply to end');
    assert.equal(status.current_version, 0);
    const failure = status.failed ?? status.last_failure;
    assert.match(failure.error, /cancelled/);
    assert.equal(failure.statements_done, 0, 'rolled back whole');
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
