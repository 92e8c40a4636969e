import { z } from 'zod';
import { roles } from '../auth/permissions.js';

// Schema pieces shared by several domains' routes.

export const roleSchema = z.enum(roles).describe('owner 店主 · operator 运营 · service 客服');
export const platformSchema = z.enum(['taobao', 'tmall', 'jd', 'douyin', 'pinduoduo', 'shopify', 'other']);

/** A positive integer id in a path, e.g. /stores/:storeId. */
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);

export const storeParams = z.object({ storeId: idParam });

export const emptyResponse = z.undefined().describe('No content');
