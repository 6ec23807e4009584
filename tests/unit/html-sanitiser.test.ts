import { describe, expect, test } from "vitest";
import { bodyHtmlForDisplay, htmlToText, normalizeBody, sanitizeBodyHtml } from "@/lib/domain/html";
import { cleanPastedWordHtml } from "@/lib/domain/word-paste";

/** The allowlist every saved body goes through (lib/domain/html.ts), attacked with the usual payloads. */
describe("XSS payloads are removed", () => {
  test.each([
    ["a script tag", "<p>a</p><script>alert(1)</script>", "<p>a</p>"],
    ["a script in upper case", "<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>a</p>", "<p>a</p>"],
    ["an event handler", '<p onmouseover="alert(1)">a</p>', "<p>a</p>"],
    ["an image with onerror", '<img src=x onerror=alert(1)><p>a</p>', "<p>a</p>"],
    ["an svg with onload", '<svg onload=alert(1)><circle/></svg><p>a</p>', "<p>a</p>"],
    ["javascript: in a link", '<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ["an obfuscated javascript: link", '<a href="jav&#x09;ascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ["javascript: in mixed case with spaces", '<a href="  JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ["a data: URL", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ["a vbscript: URL", '<a href="vbscript:msgbox(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ["a protocol-relative URL", '<a href="//evil.example/">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ["an iframe", '<iframe src="https://evil.example"></iframe><p>a</p>', "<p>a</p>"],
    ["an object/embed", '<object data="x.swf"></object><embed src="x.swf"><p>a</p>', "<p>a</p>"],
    ["a form", '<form action="https://evil.example"><input name="p"><button>go</button></form>', "go"],
    ["a style tag", "<style>body{display:none}</style><p>a</p>", "<p>a</p>"],
    ["a style attribute with expression", '<p style="width: expression(alert(1)); color: red">a</p>', "<p>a</p>"],
    ["a style attribute with url()", '<p style="background: url(javascript:alert(1))">a</p>', "<p>a</p>"],
    ["a meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example"><p>a</p>', "<p>a</p>"],
    ["a base tag", '<base href="https://evil.example/"><p>a</p>', "<p>a</p>"],
    ["a link with target", '<a href="https://example.org" target="_blank" onclick="x()">x</a>', '<a href="https://example.org" rel="noopener noreferrer nofollow">x</a>'],
    ["an html comment trick", "<!--<script>alert(1)</script>--><p>a</p>", "<p>a</p>"],
    ["a broken tag", '<p>a</p><img src="x" onerror="alert(1)"', "<p>a</p>"],
    ["a class and id", '<p class="x" id="y">a</p>', "<p>a</p>"],
    ["a table cell with a handler and bad colspan", '<table><tr><td colspan="2" onclick="x()">a</td><td colspan="x">b</td></tr></table>', '<table><tr><td colspan="2">a</td><td>b</td></tr></table>'],
  ])("%s", (_, dirty, clean) => {
    expect(sanitizeBodyHtml(dirty)).toBe(clean);
  });
});

describe("what the editor produces is kept", () => {
  test.each([
    ["paragraphs and marks", "<p><strong>加粗</strong><em>倾斜</em><u>下划线</u><s>删除</s></p>"],
    ["text-align", '<p style="text-align:center">居中</p>'],
    ["headings", "<h2>一、背景</h2><h3>（一）</h3><h4>1.</h4>"],
    ["lists", "<ol start=\"3\"><li><p>三</p></li></ol><ul><li><p>点</p></li></ul>"],
    ["a link", '<p><a href="https://www.gov.cn/" rel="noopener noreferrer nofollow">中国政府网</a></p>'],
    ["a mail link", '<p><a href="mailto:kjj@example.gov.cn" rel="noopener noreferrer nofollow">邮箱</a></p>'],
    ["a table", "<table><tbody><tr><th>项目</th><th>金额</th></tr><tr><td>甲</td><td>1</td></tr></tbody></table>"],
    ["a blockquote and rule", "<blockquote><p>引用</p></blockquote><hr />"],
    [
      "a table with a header, merged cells and paragraphs in cells (Word, Tiptap)",
      '<table><thead><tr><th colspan="2">申报时间安排</th></tr></thead><tbody><tr><td><p>企业填报</p></td><td><p>12月15日前</p></td></tr>' +
        '<tr><td rowspan="2">处室审核</td><td style="text-align:center">12月20日前</td></tr><tr><td>12月25日前</td></tr></tbody></table>',
    ],
  ])("%s", (_, html) => {
    expect(sanitizeBodyHtml(html)).toBe(html);
  });
  test("merged cells from the Tiptap table (colspan/rowspan 1 and column widths) keep only the merge", () => {
    expect(sanitizeBodyHtml('<table style="min-width: 50px"><colgroup><col style="min-width: 25px"></colgroup><tbody><tr><td colspan="2" rowspan="1" colwidth="120,80"><p>甲</p></td></tr></tbody></table>')).toBe(
      '<table><colgroup><col /></colgroup><tbody><tr><td colspan="2"><p>甲</p></td></tr></tbody></table>',
    );
  });
  test("only text-align survives in style", () => {
    expect(sanitizeBodyHtml('<p style="text-align: right; color: red; font-family: SimSun">a</p>')).toBe('<p style="text-align:right">a</p>');
  });
  test("h1 becomes h2 (the page title is the only h1); b and i become strong and em", () => {
    expect(sanitizeBodyHtml("<h1>标题</h1><b>b</b><i>i</i>")).toBe("<h2>标题</h2><strong>b</strong><em>i</em>");
  });
  test("an editor left empty is an empty body", () => {
    expect(sanitizeBodyHtml("<p></p>")).toBe("");
    expect(sanitizeBodyHtml("<p><br></p>")).toBe("");
  });
});

describe("bodies on display", () => {
  test("every table, nested too, sits in its own focusable scroll box; nothing else changes", () => {
    const html = "<p>前</p><table><tbody><tr><td><table><tbody><tr><td>内</td></tr></tbody></table></td></tr></tbody></table><p>&lt;table&gt;</p>";
    const shown = bodyHtmlForDisplay(html);
    expect(shown.match(/<div class="table-scroll" role="region" tabindex="0" aria-label="表格（可左右滚动）"><table>/g)).toHaveLength(2);
    expect(shown.match(/<\/table><\/div>/g)).toHaveLength(2);
    expect(shown.replace(/<div[^>]*>|<\/div>/g, "")).toBe(html);
  });
});

describe("plain text of the body (search, secrecy scan)", () => {
  test("one line per block, entities decoded, cells separated", () => {
    expect(htmlToText("<h2>一、背景</h2><p>甲&amp;乙&nbsp;丙</p><ul><li>一</li><li>二</li></ul><table><tr><td>项目</td><td>金额</td></tr></table>")).toBe(
      "一、背景\n甲&乙 丙\n一\n二\n项目 金额",
    );
  });
  test("text never runs across a paragraph break (身份证号 split over two paragraphs stays two lines)", () => {
    expect(htmlToText("<p>220202</p><p>199001011234</p>")).toBe("220202\n199001011234");
  });
  test("plain text bodies are escaped, never interpreted", () => {
    expect(normalizeBody('<script>alert(1)</script>\n\n<img src=x onerror="y">')).toBe("");
    expect(normalizeBody("甲 < 乙\n\n第二段")).toBe("<p>甲 &lt; 乙</p>\n<p>第二段</p>");
  });
});

describe("pasting from Word", () => {
  const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{mso-style-parent:"";}</style></head>
<body lang=ZH-CN><!--StartFragment--><p class=MsoNormal style='text-align:center;mso-line-height-alt:12pt'><span lang=EN-US style='font-family:"仿宋_GB2312";mso-bidi-font-family:宋体'>关于<o:p></o:p></span></p>
<!--[if !supportLists]--><p class=MsoListParagraph style="margin-left:21pt;mso-list:l0 level1 lfo1">第一条</p><!--[endif]--><!--EndFragment--></body></html>`;
  test("drops mso styles, classes, <o:p>, conditional comments and the head", () => {
    const clean = cleanPastedWordHtml(word);
    expect(clean).not.toMatch(/mso-|Mso|o:p|<!--|<style|<meta|lang=/);
    expect(clean).toContain('<p style="text-align: center"><span>关于</span></p>');
    expect(clean).toContain("<p>第一条</p>");
  });
  test("then the sanitiser leaves tidy paragraphs", () => {
    expect(sanitizeBodyHtml(cleanPastedWordHtml(word))).toBe('<p style="text-align:center">关于</p>\n<p>第一条</p>');
  });
});
