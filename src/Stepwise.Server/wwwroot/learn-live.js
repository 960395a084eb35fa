// Live retrospective: every few seconds, fetch the page again and swap in the regions marked data-live (notes,
// lessons, actions), unless the person is using something inside one. Forms outside them keep what is being typed.
// It sends nothing about the reader: no typing indicator, no presence.
(() => {
  const regions = () => document.querySelectorAll('[data-live]');
  if (regions().length === 0) return;
  const refresh = async () => {
    if (document.hidden) return;
    const response = await fetch(location.pathname, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' });
    if (!response.ok) return;
    const next = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const region of regions()) {
      if (region.contains(document.activeElement)) continue;
      const fresh = next.querySelector(`[data-live="${region.dataset.live}"]`);
      if (fresh && fresh.innerHTML !== region.innerHTML) region.innerHTML = fresh.innerHTML;
    }
  };
  setInterval(() => refresh().catch(() => {}), 4000);
})();
