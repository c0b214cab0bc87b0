import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createPool } from '../../db/pool';

describe('GET /api/health', () => {
  it('answers 503 with the reason when the database is down', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const db = createPool('postgres://nobody:nothing@127.0.0.1:1/none', 1);
    const { app } = await buildApp({ db, webDir: null });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().status).toBe('degraded');
    expect(res.json().database).toMatch(/unavailable/);
    await app.close();
    await db.end();
  });
});
