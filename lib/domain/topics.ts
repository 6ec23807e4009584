/**
 * 主题分类: the top level of the 国务院公文主题分类 used by 政府信息公开目录 (the catalogue's
 * "主题分类" field). Stored on a revision as the label itself, so the catalogue reads without a
 * lookup table and a reworded list never silently changes old entries.
 */
export const TOPICS = [
  "综合政务",
  "国民经济管理、国有资产监管",
  "财政、金融、审计",
  "国土资源、能源",
  "农业、林业、水利",
  "工业、交通",
  "商贸、海关、旅游",
  "市场监管、安全生产监管",
  "城乡建设、环境保护",
  "科技、教育",
  "文化、广电、新闻出版",
  "卫生、体育",
  "人口与计划生育、妇女儿童工作",
  "劳动、人事、监察",
  "公安、安全、司法",
  "民政、扶贫、救灾",
  "民族、宗教",
  "对外事务",
  "港澳台侨工作",
  "国防",
  "其他",
] as const;

export type Topic = (typeof TOPICS)[number];

export function isTopic(value: string): value is Topic {
  return (TOPICS as readonly string[]).includes(value);
}
