import { z } from "zod";
import { ARTICLE20_MAX, ARTICLE20_MIN } from "./article20";

/**
 * The read-only JSON API for the city portal and anyone else who syndicates the bureau's
 * disclosures (DESIGN §6): its response shapes. The OpenAPI document at /api/v1/openapi.json is
 * generated from these schemas and from apiItemsQuerySchema (lib/domain/openapi.ts), and the
 * integration tests parse real responses with them, so document and API cannot drift apart.
 */

const ref = z.object({
  code: z.string().meta({ description: "代码，可用作筛选参数" }),
  name: z.string(),
});

export const apiArticle20Schema = z
  .object({
    item: z.number().int().min(ARTICLE20_MIN).max(ARTICLE20_MAX).meta({ description: "第几项" }),
    label: z.string().meta({ example: "（七）" }),
    text: z.string().meta({ description: "该项的条文", example: "财政预算、决算信息" }),
  })
  .meta({ id: "Article20Item", description: "《政府信息公开条例》第二十条所列主动公开信息的类别" });

export const apiItemSummarySchema = z
  .object({
    id: z.string(),
    url: z.url().meta({ description: "公开网站上的页面" }),
    indexNumber: z.string().meta({ description: "索引号", example: "11220200013544447F/2026-00001" }),
    title: z.string(),
    documentNumber: z.string().nullable().meta({ description: "文号" }),
    publisher: z.string().meta({ description: "发布机构" }),
    department: ref.meta({ description: "承办处室" }),
    column: ref.meta({ description: "栏目" }),
    article20: apiArticle20Schema.nullable(),
    publishedAt: z.iso.datetime().meta({ description: "发布时间（UTC）" }),
    formedOn: z.iso.date().meta({ description: "生成日期（信息形成日期）" }),
  })
  .meta({ id: "ItemSummary" });

export const apiAttachmentSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    mimeType: z.string(),
    size: z.number().int().meta({ description: "字节数" }),
    url: z.url(),
  })
  .meta({ id: "Attachment" });

export const apiItemSchema = apiItemSummarySchema
  .extend({
    topic: z.string().nullable().meta({ description: "主题分类（未填写时为 null）" }),
    summary: z.string().nullable().meta({ description: "内容概述" }),
    documentType: z.enum(["REGULATION", "NORMATIVE", "OTHER"]).meta({ description: "文件类型：规章、行政规范性文件、其他" }),
    validity: z.enum(["VALID", "AMENDED", "REPEALED", "EXPIRED"]).nullable().meta({ description: "有效性（规章、规范性文件）" }),
    signedOn: z.iso.date().nullable().meta({ description: "成文日期" }),
    effectiveOn: z.iso.date().nullable().meta({ description: "生效日期" }),
    repealedOn: z.iso.date().nullable().meta({ description: "废止日期" }),
    keywords: z.array(z.string()),
    bodyHtml: z.string().meta({ description: "正文（经过清理的 HTML）" }),
    attachments: z.array(apiAttachmentSchema),
  })
  .meta({ id: "Item" });

export const apiItemListSchema = z
  .object({
    items: z.array(apiItemSummarySchema),
    total: z.number().int().meta({ description: "符合条件的条数；totalIsLowerBound 为 true 时表示“至少这么多”" }),
    totalIsLowerBound: z.boolean(),
    nextCursor: z.string().nullable().meta({ description: "下一页的 cursor 参数；为 null 表示没有更多" }),
  })
  .meta({ id: "ItemList" });

export const apiColumnSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    parent: z.string().nullable().meta({ description: "上级栏目的代码" }),
    description: z.string().nullable(),
    url: z.url(),
    feed: z.url().meta({ description: "该栏目的 Atom 订阅地址" }),
  })
  .meta({ id: "Column" });

export const apiDepartmentSchema = z.object({ code: z.string(), name: z.string() }).meta({ id: "Department" });

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(["invalid_query", "not_found", "withdrawn"]),
      message: z.string().meta({ description: "中文说明" }),
      issues: z.array(z.object({ param: z.string(), message: z.string() })).optional(),
      withdrawnAt: z.iso.datetime().optional(),
    }),
  })
  .meta({ id: "Error" });

export type ApiItemSummary = z.infer<typeof apiItemSummarySchema>;
export type ApiItem = z.infer<typeof apiItemSchema>;
export type ApiError = z.infer<typeof apiErrorSchema>;
