// An independent client: the official TypeScript MCP SDK drives migrate-mcp over stdio through the whole agent
// workflow and checks the structured results. Run from the repository root after `mvn package`:
//   (cd clients/node && npm ci && npm test)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const root = resolve(import.meta.dirname, '..', '..');
const jar = process.env.MIGRATE_MCP_JAR ?? join(root, 'target', 'migrate-mcp.jar');

async function connect(dbFile, onElicit) {
  const transport = new StdioClientTransport({
    command: 'java',
    args: ['-jar', jar, '--url', `jdbc:sqlite:${dbFile}`, '--migrations', join(root, 'migrations'),
      '--backups', join(dbFile, '..', 'backups'), 'serve'],
    stderr: 'ignore',
  });
  const client = new Client({ name: 'node-workflow-test', version: '1.0.0' },
    { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, async () => onElicit());
  await client.connect(transport);
  return client;
}

async function call(client, name, args = {}, onprogress) {
  const result = await client.callTool({ name, arguments: args }, undefined, onprogress ? { onprogress } : {});
  assert.ok(Array.isArray(result.content) && result.content.length > 0, `${name}: a text line`);
  return result;
}

function ok(result) {
  assert.notEqual(result.isError, true, JSON.stringify(result.content));
  return result.structuredContent;
}

test('the whole agent workflow over stdio', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-mcp-node-'));
  let approve = false;
  let asked = 0;
  const client = await connect(join(dir, 'node.db'), () => {
    asked++;
    return approve ? { action: 'accept', content: { approve: true } } : { action: 'decline' };
  });
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['apply_migration', 'baseline', 'create_backup',
      'create_migration', 'describe_schema', 'get_current_version', 'get_history', 'list_backups', 'list_pending',
      'plan_migration', 'repair', 'restore_backup', 'rollback_to_version', 'show_migration', 'test_migration',
      'validate_schema', 'verify_backup']);
    for (const t of tools) {
      assert.ok(t.title && t.description && t.inputSchema && t.outputSchema && t.annotations, t.name);
    }

    const status = ok(await call(client, 'get_current_version'));
    assert.equal(status.current_version, 0);
    assert.equal(status.latest_version, 9);
    assert.equal(status.pending_count, 9);
    assert.equal(status.state, 'clean');

    const pending = ok(await call(client, 'list_pending'));
    assert.equal(pending.pending.length, 9);
    assert.deepEqual(pending.pending[1].depends_on, [1]);

    const dry = ok(await call(client, 'apply_migration', { dry_run: true }));
    assert.equal(dry.status, 'dry_run');
    assert.match(dry.plan[0].statements[0].sql, /^CREATE TABLE request_logs/);

    const progress = [];
    const applied = ok(await call(client, 'apply_migration', {}, (p) => progress.push(p)));
    assert.equal(applied.status, 'applied');
    assert.equal(applied.to_version, 9);
    assert.equal(applied.applied.length, 9);
    assert.ok(progress.length >= 9, `progress notifications: ${progress.length}`);

    const validation = ok(await call(client, 'validate_schema', { expected_version: 9 }));
    assert.equal(validation.valid, true);
    assert.equal(validation.drift_checked, true);
    const users = ok(await call(client, 'describe_schema', { table: 'users' }));
    assert.equal(users.tables[0].name, 'users');
    const backup = ok(await call(client, 'create_backup', { label: 'node' }));
    assert.equal(backup.schema_version, 9);

    const plan = ok(await call(client, 'rollback_to_version', { target_version: 0 }));
    assert.equal(plan.status, 'confirmation_required');
    assert.equal(plan.will_revert.length, 9);
    assert.equal(asked, 0);

    approve = false;
    assert.equal(ok(await call(client, 'rollback_to_version', { target_version: 0, confirm: true })).status,
      'declined');
    approve = true;
    const done = ok(await call(client, 'rollback_to_version', { target_version: 0, confirm: true }));
    assert.equal(done.status, 'rolled_back');
    assert.equal(done.to_version, 0);
    assert.equal(asked, 2);

    const bad = await call(client, 'apply_migration', { target_version: 'seven' });
    assert.equal(bad.isError, true);
    assert.equal(bad.structuredContent.error.code, 'invalid_argument');
    assert.ok(bad.structuredContent.error.hint);

    const again = ok(await call(client, 'get_current_version'));
    assert.equal(again.current_version, 0);
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
