import type pg from 'pg';
import { demoDocuments, type DemoItem } from '../../domain/documents/demo-documents';
import { systemActor } from '../lib/actor';
import { createDocumentTx } from '../features/documents/documents.service';
import { insertItem, readTarget } from '../features/documents/items.service';
import type { DemoContext } from './demo-builder';

/** The documents of the seeds, their items, and the cascade links between them. */
export async function loadDemoDocuments(tx: pg.PoolClient, ctx: DemoContext) {
  const actor = systemActor('Dữ liệu mẫu');
  const { rows: indicators } = await tx.query<{ id: number; code: string }>('SELECT id, code FROM indicators');
  const indicatorId = new Map(indicators.map((r) => [r.code, r.id]));
  const docIds = new Map<string, number>();
  const itemIds = new Map<string, number>();
  const links: [number, string][] = [];
  let itemCount = 0;

  for (const d of demoDocuments) {
    const org = ctx.orgs.get(d.orgCode);
    if (!org) throw new Error(`Demo document ${d.key} names a missing org ${d.orgCode}`);
    const implementsIds = d.implements.map((k) => {
      const id = docIds.get(k);
      if (id === undefined) throw new Error(`Demo document ${d.key} implements ${k}, which comes later`);
      return id;
    });
    const id = await createDocumentTx(
      tx,
      actor,
      {
        orgId: org.id,
        kind: d.kind,
        term: d.term,
        title: d.title,
        summary: d.summary ?? null,
        issueDate: d.issueDate,
        implementsIds,
        number: d.number,
      },
      { isSample: d.isSample },
    );
    docIds.set(d.key, id);
    const add = async (items: DemoItem[], parentId: number | null) => {
      for (const item of items) {
        const spec = item.target
          ? readTarget({
              indicatorId: indicatorId.get(item.target.indicator) ?? null,
              valueText: item.target.value,
              unitText: item.target.unit ?? '',
              byYear: item.target.byYear ?? null,
            })
          : null;
        const itemId = await insertItem(tx, id, parentId, item.kind, item.text, item.milestoneYear ?? null, spec);
        itemCount += 1;
        if (item.key) itemIds.set(`${d.key}:${item.key}`, itemId);
        for (const l of item.links ?? []) links.push([itemId, l]);
        await add(item.children ?? [], itemId);
      }
    };
    await add(d.items, null);
    if (d.status === 'adopted') await tx.query(`UPDATE documents SET status = 'adopted' WHERE id = $1`, [id]);
  }
  for (const [childId, parentKey] of links) {
    const parentId = itemIds.get(parentKey);
    if (parentId === undefined) throw new Error(`Demo link to unknown item ${parentKey}`);
    await tx.query('INSERT INTO item_links (child_item_id, parent_item_id) VALUES ($1, $2)', [childId, parentId]);
  }
  // Tasks from the provincial smart-city task, assigned to every ward of Dĩ An.
  const task5 = itemIds.get('BD-XI:task5');
  const diAn = ctx.orgs.get('BD.DIAN');
  const bd = ctx.orgs.get('BD');
  if (task5 && diAn && bd) {
    await tx.query(
      `INSERT INTO tasks (item_id, org_id, title, lead_org_id, start_date, due_date)
       SELECT $1, $2, 'Chỉnh trang đô thị, hạ tầng phường theo hướng đô thị thông minh', o.id, '2021-01-01', '2025-06-30'
         FROM orgs o WHERE o.path <@ $3::ltree AND o.kind = 'commune_committee'`,
      [task5, bd.id, diAn.path],
    );
  }
  ctx.log(`Dữ liệu mẫu: ${demoDocuments.length} văn bản, ${itemCount} mục nội dung, ${links.length} liên kết cụ thể hóa.`);
}
