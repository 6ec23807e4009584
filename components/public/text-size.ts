/**
 * 适老化: a larger text size, remembered in the visitor's browser (localStorage) and applied
 * before the first paint by TEXT_SIZE_SCRIPT. A cookie would make pages differ per visitor; this
 * way every page stays the same for everyone and can be cached.
 */
export const TEXT_SIZE_KEY = "gongkai.textSize";

export const TEXT_SIZE_SCRIPT = `try{if(localStorage.getItem("${TEXT_SIZE_KEY}")==="large")document.documentElement.dataset.textSize="large"}catch(e){}`;
