#!/usr/bin/env node
// Finds a Chromium for Playwright. `npx playwright install` downloads from a CDN this network
// cannot reach (DESIGN §9), but Debian's own chromium package installs with apt-get and serves
// Playwright; fonts-noto-cjk is needed for Chinese glyphs on screenshots and printed PDFs.
// CLI: prints the executable's path on stdout (everything else goes to stderr).
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The machine has no network: keep Chromium from phoning home, and it runs as root in CI. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

const isExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const sh = (command) => spawnSync("sh", ["-c", command], { stdio: ["ignore", 2, 2] }).status === 0;

/** Only as root on Debian may we install system packages ourselves. */
const canApt = () =>
  process.getuid?.() === 0 && existsSync("/etc/debian_version") && sh("command -v apt-get >/dev/null");

function aptInstall(packages, log) {
  log(`find-chromium: installing ${packages.join(" ")} with apt-get`);
  const ok = sh(
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(" ")}`,
  );
  if (!ok) throw new Error(`apt-get install ${packages.join(" ")} failed`);
}

async function playwrightChromium() {
  try {
    const { chromium } = await import("@playwright/test");
    const file = chromium.executablePath();
    return file && isExecutable(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a browser `npx playwright install` left
 * behind; failing those, apt-get installs Debian's (as root on Debian only).
 */
export async function findChromium({ install = true, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  let found;
  if (process.env.CHROMIUM_PATH) {
    if (!isExecutable(process.env.CHROMIUM_PATH)) {
      throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file`);
    }
    found = process.env.CHROMIUM_PATH;
  } else if (isExecutable(DEBIAN_CHROMIUM)) {
    found = DEBIAN_CHROMIUM;
  } else {
    found = await playwrightChromium();
  }

  const apt = install && canApt();
  if (!found && apt) {
    aptInstall(["chromium", "fonts-noto-cjk"], log);
    found = DEBIAN_CHROMIUM;
  } else if (found && apt && !sh("dpkg -s fonts-noto-cjk >/dev/null 2>&1")) {
    // Without a CJK font every Chinese character renders as a box, in screenshots and PDFs alike.
    aptInstall(["fonts-noto-cjk"], log);
  }

  if (!found || !isExecutable(found)) {
    throw new Error(
      [
        "No Chromium found for the end-to-end tests. Any one of these fixes it:",
        "  - set CHROMIUM_PATH to a Chromium or Chrome executable;",
        "  - on Debian/Ubuntu: apt-get install chromium fonts-noto-cjk;",
        "  - with internet access: npx playwright install chromium",
      ].join("\n"),
    );
  }
  // A wrapper that cannot run (e.g. a snap stub) should fail here, not inside Playwright.
  const version = spawnSync(found, [...CHROMIUM_ARGS, "--headless", "--version"], { encoding: "utf8" });
  if (version.status !== 0) throw new Error(`${found} --version failed: ${version.stderr || version.error}`);
  log(`find-chromium: ${found} (${version.stdout.trim()})`);
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  findChromium().then(
    (file) => console.log(file),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
