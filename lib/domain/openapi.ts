import { OpenApiGeneratorV31, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  apiColumnSchema,
  apiDepartmentSchema,
  apiErrorSchema,
  apiItemListSchema,
  apiItemSchema,
} from "./public-api";
import { apiItemsQuerySchema } from "./public-query";
import { apiReportYearListSchema } from "./reports/public-api";
import { reportDataSchema } from "./reports/shape";

/** The OpenAPI 3.1 document of /api/v1, generated from the schemas the API itself uses. */
export function openApiDocument(options: { origin: string; bureau: string }) {
  const registry = new OpenAPIRegistry();
  const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
  const error = (description: string) => json(apiErrorSchema, description);

  registry.registerPath({
    method: "get",
    path: "/api/v1/items",
    summary: "公开信息列表与全文检索",
    description:
      "只含已主动公开的信息。无检索词时按发布时间倒序；有检索词 q 时，标题包含全部检索词的在前，其余在后，各自按发布时间倒序。用 nextCursor 翻页。",
    request: { query: apiItemsQuerySchema },
    responses: { 200: json(apiItemListSchema, "一页公开信息"), 400: error("参数有误（中文说明见 error.message）") },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/items/{id}",
    summary: "一条公开信息",
    request: { params: z.object({ id: z.string().max(64) }) },
    responses: {
      200: json(apiItemSchema, "公开信息的全部内容与元数据"),
      404: error("不存在或未公开"),
      410: error("已撤回"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/columns",
    summary: "栏目",
    responses: { 200: json(z.object({ columns: z.array(apiColumnSchema) }), "全部栏目（树形，以 parent 表示上级）") },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/departments",
    summary: "发布机构（处室）",
    responses: { 200: json(z.object({ departments: z.array(apiDepartmentSchema) }), "全部处室") },
  });

  registry.registerPath({
    method: "get",
    path: "/api/v1/reports",
    summary: "政府信息公开工作年度报告：已公开的年份",
    responses: { 200: json(apiReportYearListSchema, "已发布或已导入年度报告的年份，新的在前") },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/reports/{year}",
    summary: "一个年度的政府信息公开工作年度报告（结构化数据）",
    description:
      "最新公开版本的全部数据：各节正文、表二、表三、表四（键名固定，见 /api/v1/reports/schema.json）。更正前的版本用 version 参数获取。",
    request: {
      params: z.object({ year: z.string().regex(/^\d{4}$/).meta({ example: "2019" }) }),
      query: z.object({ version: z.string().regex(/^[1-9]\d{0,3}$/).optional().meta({ description: "版本号（1 为首次公开的版本）；缺省为最新版本" }) }),
    },
    responses: {
      200: json(reportDataSchema, "年度报告数据"),
      400: error("年份或版本号格式有误"),
      404: error("该年度报告尚未公开，或没有该版本"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/reports/schema.json",
    summary: "年度报告数据的 JSON Schema（draft 2020-12）",
    responses: { 200: { description: "JSON Schema", content: { "application/schema+json": { schema: z.object({}).loose() } } } },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: `${options.bureau}政府信息公开数据接口`,
      version: "1.0.0",
      description:
        "只读接口，无需登录，供政务公开平台等系统同步本机关主动公开的政府信息。另有 Atom 订阅：/feed.xml（全部）与 /columns/{code}/feed.xml（栏目）。",
    },
    servers: [{ url: options.origin }],
  });
}
