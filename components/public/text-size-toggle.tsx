"use client";

import { useSyncExternalStore } from "react";
import { TEXT_SIZE_KEY } from "./text-size";

const EVENT = "gongkai:text-size";

const subscribe = (onChange: () => void) => {
  window.addEventListener(EVENT, onChange);
  return () => window.removeEventListener(EVENT, onChange);
};
const isLarge = () => document.documentElement.dataset.textSize === "large";

/** 适老化: switches the larger text size on and off for this browser (see ./text-size.ts). */
export function TextSizeToggle() {
  const large = useSyncExternalStore(subscribe, isLarge, () => false);
  const toggle = () => {
    const next = !isLarge();
    if (next) document.documentElement.dataset.textSize = "large";
    else delete document.documentElement.dataset.textSize;
    try {
      if (next) localStorage.setItem(TEXT_SIZE_KEY, "large");
      else localStorage.removeItem(TEXT_SIZE_KEY);
    } catch {
      // Private browsing may refuse storage: the size still changes for this page.
    }
    window.dispatchEvent(new Event(EVENT));
  };
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={large}
      className="rounded border border-red-200/60 px-3 py-1.5 text-sm text-white hover:bg-white/10 focus-visible:outline-white"
    >
      {large ? "标准字号" : "大字号（适老化）"}
    </button>
  );
}
