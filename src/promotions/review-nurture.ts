import type { z } from 'zod';
import { dayStartOf } from '../audiences/dates.js';
import type { AudienceDefinition } from '../audiences/definition.js';
import { countAudience, createAudience } from '../audiences/service.js';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import { createCampaign } from '../campaigns/service.js';
import type { AppContext } from '../context.js';
import { saveTemplate } from '../messaging/templates.store.js';
import { localDateOf } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { nurtureCampaignName } from './review.js';
import { audienceNamed, campaignsNamed, templateNamed } from './review.store.js';
import type { audienceResultSchema, nurtureResultSchema } from './review-schemas.js';
import { newCustomersAudienceName, nurturePlan, reviewWindow } from './review-service.js';
import { getPlan } from './service.js';

// What a review creates for the event's new customers: the saved audience (first purchase inside
// the plan's window, fixed dates) and the nurture plan's steps as DRAFT campaigns on it — never
// sent. Both are found by name first, so a second call returns what the first made.

const SEND_HOUR_MS = 10 * 3_600_000; // a step's draft is scheduled for 10:00 store time

/** The audience of the plan's new customers: created once, then the same one. Audited. */
export async function newCustomersAudience(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
): Promise<z.infer<typeof audienceResultSchema>> {
  const db = ctx.database.db;
  const plan = await getPlan(db, access.storeId, planId);
  const window = reviewWindow(plan, localDateOf(ctx.clock.now(), access.store.time_zone));
  const name = newCustomersAudienceName(plan);
  const definition: AudienceDefinition = {
    where: { type: 'firstOrderDate', from: window.from, to: window.to },
  };
  const existing = await audienceNamed(db, access.storeId, name);
  const id =
    existing?.id ??
    (
      await createAudience(ctx, access, actor, {
        name,
        description: `${plan.year} ${plan.eventName.zh}（${window.from} 至 ${window.to}）首次购买的新客`,
        definition,
      })
    ).id;
  if (!existing)
    await insertAuditEntry(
      db,
      access.storeId,
      actor,
      {
        action: 'promotion.review_audience',
        subjectType: 'promotion_plan',
        subjectId: planId,
        details: { audienceId: id, name },
      },
      ctx.clock.now(),
    );
  const { count } = await countAudience(ctx, access, definition);
  return { audienceId: id, name, count, created: !existing };
}

/** The nurture plan's steps as draft campaigns on the new-customer audience, each made once. Audited. */
export async function nurtureCampaigns(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
): Promise<z.infer<typeof nurtureResultSchema>> {
  const db = ctx.database.db;
  const { storeId } = access;
  const timeZone = access.store.time_zone;
  const audience = await newCustomersAudience(ctx, access, actor, planId);
  const plan = await getPlan(db, storeId, planId);
  const window = reviewWindow(plan, localDateOf(ctx.clock.now(), timeZone));
  const nurture = await nurturePlan(ctx, access, plan, window.to);
  const names = nurture.steps.map((s) => nurtureCampaignName(audience.name, s));
  const existing = await campaignsNamed(db, storeId, names);
  const campaigns: z.infer<typeof nurtureResultSchema>['campaigns'] = [];
  for (const step of nurture.steps) {
    const name = nurtureCampaignName(audience.name, step);
    const found = existing.get(name);
    if (found) {
      campaigns.push({
        key: step.key,
        campaignId: found.id,
        templateId: found.templateId,
        name,
        created: false,
      });
      continue;
    }
    const templateId =
      (await templateNamed(db, storeId, name)) ??
      (
        await saveTemplate(ctx, storeId, actor, undefined, {
          name,
          channel: 'sms',
          class: 'marketing',
          subject: null,
          body: step.text['zh-CN'],
          providerTemplate: null,
        })
      ).id;
    const at = dayStartOf(step.date, timeZone) + SEND_HOUR_MS;
    const campaign = await createCampaign(ctx, access, actor, {
      name,
      audienceId: audience.audienceId,
      templateId,
      schedule: at > ctx.clock.now() ? { kind: 'at', at } : { kind: 'now' },
    });
    campaigns.push({ key: step.key, campaignId: campaign.id, templateId, name, created: true });
  }
  const made = campaigns.filter((c) => c.created);
  if (made.length > 0)
    await insertAuditEntry(
      db,
      storeId,
      actor,
      {
        action: 'promotion.review_nurture',
        subjectType: 'promotion_plan',
        subjectId: planId,
        details: { audienceId: audience.audienceId, campaigns: made.map((c) => c.campaignId) },
      },
      ctx.clock.now(),
    );
  return { audienceId: audience.audienceId, campaigns };
}
