// Search page client, served as-is from /search/search.js (an external module, so the CSP needs no
// inline script). It finds pagefind's files next to itself, so it works under any base path, and loads
// pagefind's UI, which the asof integration writes to /pagefind/ after the build.
const bundlePath = new URL('../pagefind/', import.meta.url).pathname;
const box = document.getElementById('search');

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

if (box) {
  loadScript(`${bundlePath}pagefind-ui.js`)
    .then(() => {
      if (!window.PagefindUI) throw new Error('pagefind-ui.js did not define PagefindUI');
      box.querySelector('.search-fallback')?.remove();
      new window.PagefindUI({ element: '#search', bundlePath, showSubResults: true, showImages: false });
      // pagefind's input has only a placeholder and a title; give it a real accessible name.
      const input = box.querySelector('input');
      input?.setAttribute('aria-label', 'Search the notes');
      input?.focus();
    })
    .catch((e) => {
      const p = box.querySelector('.search-fallback');
      if (p) p.textContent = `Search could not start (${e.message}). Browse the notes by date or by tag instead.`;
    });
}
