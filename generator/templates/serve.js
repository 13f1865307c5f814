// The preview page of `praatplaat serve`: follows the server's "rebuilt" events and swaps in the
// panes whose key changed, keeping each viewer's zoom and scroll position and the page's scroll;
// shows the error overlay; shows where a hovered or clicked text in an SVG comes from.
'use strict';
(function () {
  const ZOOMS = [1, 1.5, 2, 3, 4, 6];
  const views = new Map(); // viewer id -> {zoom, left, top}
  let busy = false;
  let again = false;

  function viewState(viewer) {
    if (!views.has(viewer.id)) views.set(viewer.id, { zoom: 1, left: 0, top: 0 });
    return views.get(viewer.id);
  }

  function applyZoom(viewer) {
    const state = viewState(viewer);
    viewer.style.setProperty('--zoom', String(state.zoom));
    const label = viewer.querySelector('.zoom-level');
    if (label) label.textContent = `${Math.round(state.zoom * 100)} %`;
  }

  function remember() {
    document.querySelectorAll('.viewer').forEach((viewer) => {
      const scroller = viewer.querySelector('.scroller');
      const state = viewState(viewer);
      if (scroller) { state.left = scroller.scrollLeft; state.top = scroller.scrollTop; }
    });
  }

  function restore(root) {
    root.querySelectorAll('.viewer').forEach((viewer) => {
      applyZoom(viewer);
      const scroller = viewer.querySelector('.scroller');
      const state = viewState(viewer);
      if (scroller) { scroller.scrollLeft = state.left; scroller.scrollTop = state.top; }
    });
  }

  function section(pane) {
    let node = document.getElementById(pane.id);
    if (!node) {
      node = document.createElement('section');
      node.className = 'pane';
      node.id = pane.id;
      node.setAttribute('aria-labelledby', `h-${pane.id}`);
    }
    return node;
  }

  function apply(state) {
    const x = window.scrollX;
    const y = window.scrollY;
    remember();
    const main = document.getElementById('main');
    const wanted = state.panes.map((p) => p.id);
    state.panes.forEach((pane, index) => {
      const node = section(pane);
      if (pane.html !== null && node.dataset.key !== pane.key) {
        node.innerHTML = pane.html;
        node.dataset.key = pane.key;
        restore(node);
      }
      if (main.children[index] !== node) main.insertBefore(node, main.children[index] || null);
    });
    Array.from(main.children).forEach((node) => { if (!wanted.includes(node.id)) node.remove(); });
    const toc = document.getElementById('toc');
    const links = state.panes.map((p) => `${p.id}\u0000${p.title}`).join('\n');
    if (toc.dataset.links !== links) {
      toc.dataset.links = links;
      toc.replaceChildren(...state.panes.map((p) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `#${p.id}`;
        a.textContent = p.title;
        li.append(a);
        return li;
      }));
    }
    const overlay = document.getElementById('problems');
    if (overlay.dataset.key !== state.problems.key) {
      overlay.innerHTML = state.problems.html;
      overlay.dataset.key = state.problems.key;
    }
    overlay.hidden = state.problems.count === 0;
    const status = document.getElementById('status');
    if (status.textContent !== state.status.text) status.textContent = state.status.text;
    status.className = state.status.state;
    document.body.dataset.version = String(state.version);
    window.scrollTo(x, y);
  }

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      do {
        again = false;
        const have = Array.from(document.querySelectorAll('#main > .pane')).map((n) => n.dataset.key).join(',');
        const response = await fetch(`/api/state?have=${encodeURIComponent(have)}`, { cache: 'no-store' });
        if (response.ok) apply(await response.json());
      } while (again);
    } catch (err) {
      again = false;
    } finally {
      busy = false;
    }
  }

  function zoom(button) {
    const viewer = button.closest('.viewer');
    const scroller = viewer.querySelector('.scroller');
    const state = viewState(viewer);
    const step = Number(button.dataset.zoomStep);
    const index = ZOOMS.indexOf(state.zoom);
    const next = step === 0 ? 1 : ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, index + step))];
    // keep the middle of the view where it is
    const cx = (scroller.scrollLeft + scroller.clientWidth / 2) / scroller.scrollWidth;
    const cy = (scroller.scrollTop + scroller.clientHeight / 2) / scroller.scrollHeight;
    state.zoom = next;
    applyZoom(viewer);
    scroller.scrollLeft = cx * scroller.scrollWidth - scroller.clientWidth / 2;
    scroller.scrollTop = cy * scroller.scrollHeight - scroller.clientHeight / 2;
  }

  // --- where a text comes from ---------------------------------------------------------------
  const tip = () => document.getElementById('source-tip');

  function sourceOf(target) {
    const node = target instanceof Element ? target.closest('[data-source]') : null;
    return node && node.closest('.sheet') ? node : null;
  }

  function showTip(event) {
    const node = sourceOf(event.target);
    const box = tip();
    if (!node) { box.hidden = true; return; }
    box.textContent = node.dataset.source;
    box.hidden = false;
    box.style.left = `${Math.min(event.clientX + 14, window.innerWidth - box.offsetWidth - 8)}px`;
    box.style.top = `${Math.min(event.clientY + 16, window.innerHeight - box.offsetHeight - 8)}px`;
  }

  document.addEventListener('pointermove', showTip);
  document.addEventListener('pointerleave', () => { tip().hidden = true; });
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-zoom-step]') : null;
    if (button) { zoom(button); return; }
    const node = sourceOf(event.target);
    if (node) {
      document.querySelectorAll('.picked').forEach((n) => n.classList.remove('picked'));
      node.classList.add('picked');
      document.getElementById('source-pinned').textContent = `Selected: ${node.dataset.source}`;
    }
  });
  document.addEventListener('scroll', (event) => {
    const scroller = event.target instanceof Element ? event.target.closest('.scroller') : null;
    const viewer = scroller && scroller.closest('.viewer');
    if (viewer) { const s = viewState(viewer); s.left = scroller.scrollLeft; s.top = scroller.scrollTop; }
  }, true);

  document.querySelectorAll('.viewer').forEach(applyZoom);
  const events = new EventSource('/events');
  events.addEventListener('rebuilt', (event) => {
    const version = JSON.parse(event.data).version;
    if (String(version) !== document.body.dataset.version) refresh();
  });
}());
