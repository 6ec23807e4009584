import type { Metadata, Viewport } from "next";
import { env } from "@/lib/env";
import "./globals.css";

export function generateMetadata(): Metadata {
  const bureau = env().BUREAU_NAME;
  return { title: { default: `${bureau}政府信息公开`, template: `%s - ${bureau}` }, description: `${bureau}政府信息公开平台` };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
