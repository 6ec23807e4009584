/**
 * How Chinese users build weak passwords (常见弱口令构成), written here as rules rather than copied
 * from a leaked list: a well-known word, name or keyboard walk with digits or symbols around it —
 * "Woaini1314", "Zhangwei@1988", "1qaz2wsx3edc", "Admin@123". lib/domain/password-policy.ts refuses
 * a password whose letters, with the digits and symbols at either end taken away, are one of these.
 *
 * The words are the patterns that published analyses of Chinese password leaks name again and
 * again (爱情数字与拼音短语、姓名拼音、键盘序列、单位/系统名); the surnames are the most
 * frequent in the national household register statistics; the given-name syllables the most
 * frequent in given names. Nothing here is a real person's password.
 */

/** Pinyin and English words that stand alone in weak passwords (lower case). */
export const WEAK_WORDS: readonly string[] = [
  // love and luck
  "woaini", "woaiwojia", "woainia", "aini", "ainia", "iloveyou", "iloveu", "loveyou", "woxihuanni", "xihuan",
  "laogong", "laopo", "baobao", "baobei", "qinai", "qinaide", "tiantian", "xingfu", "kuaile", "pingan",
  "facai", "fafa", "shunli", "jixiang", "ruyi", "wanshi", "xiaobao", "xiaobai", "xiaohei", "mengmeng",
  // places and country
  "zhongguo", "china", "beijing", "shanghai", "tianjin", "chongqing", "jilin", "changchun", "shenyang", "haerbin",
  "guangzhou", "shenzhen", "hangzhou", "nanjing", "wuhan", "chengdu", "xian", "dalian", "qingdao", "jinan",
  // passwords about passwords, systems and offices
  "mima", "wodemima", "mimama", "password", "passwd", "pass", "admin", "administrator", "root", "system",
  "manager", "guanli", "guanliyuan", "test", "ceshi", "user", "yonghu", "welcome", "huanying", "default",
  "zhengfu", "gov", "kejiju", "xinxi", "gongkai", "bangong", "bangongshi", "danwei", "jiguan", "oa",
  "server", "oracle", "mysql", "postgres", "qq", "wechat", "weixin", "taobao", "alipay", "baidu",
  // greetings, numbers spelt out, short sequences
  "nihao", "haoren", "hello", "abc", "abcd", "abcde", "abcdef", "qwe", "asd", "zxc",
  "yiersan", "yiersansi", "wuyaoling", "lingling", "xiaoming", "xiaohong", "xiaoli", "xiaowang", "xiaozhang", "xiaoqiang",
];

/** The most frequent Chinese surnames in pinyin (lower case). */
export const SURNAMES: readonly string[] = [
  "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou",
  "xu", "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo",
  "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao", "peng",
  "zeng", "xiao", "tian", "dong", "yuan", "pan", "cai", "jiang", "yu", "du",
  "ye", "cheng", "wei", "su", "lv", "ding", "ren", "shen", "yao", "lu",
];

/** Frequent given-name syllables in pinyin (lower case); a given name is one or two of them. */
export const GIVEN_SYLLABLES: readonly string[] = [
  "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang",
  "yong", "yan", "jie", "tao", "ming", "chao", "xiu", "hui", "ling", "xia",
  "ping", "gang", "hua", "dan", "feng", "hong", "ying", "bin", "bo", "hao",
  "yu", "xin", "lan", "mei", "juan", "qing", "hai", "jian", "hong", "zhi",
  "long", "peng", "fei", "kai", "rui", "tian", "xue", "yun", "zhen", "chen",
];

/** Keyboard and alphabet runs, each long enough to matter (6+), lower case. */
export function keyboardWalks(): string[] {
  const columns = ["1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0p;/"];
  const shifted = ["!qaz", "@wsx", "#edc", "$rfv", "%tgb", "^yhn", "&ujm", "*ik<", "(ol>", ")p:?"];
  const rows = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];
  const pairs = "1q2w3e4r5t6y7u8i9o0p";
  const walks = new Set<string>();
  const prefixes = (s: string) => {
    for (let n = 6; n <= s.length; n++) walks.add(s.slice(0, n));
  };
  prefixes(columns.join(""));
  prefixes(shifted.join(""));
  const reversed = columns.map((c) => [...c].reverse().join(""));
  prefixes(reversed.join("")); // zaq1xsw2…
  prefixes(columns.map((c, i) => (i % 2 ? c : reversed[i])).join("")); // zaq12wsxcde3…
  prefixes(columns.map((c, i) => (i % 2 ? reversed[i] : c)).join("")); // 1qazxsw23edc…
  for (const row of rows) {
    prefixes(row);
    prefixes([...row].reverse().join(""));
  }
  prefixes(pairs);
  prefixes("qazwsxedcrfvtgbyhnujm");
  prefixes("qweasdzxc");
  return [...walks];
}

/** The letters between the digits and symbols at either end: "@@Woaini1314" → "woaini". */
export function passwordCore(password: string): string {
  return password.toLowerCase().replace(/^[^a-z]+/, "").replace(/[^a-z]+$/, "");
}
