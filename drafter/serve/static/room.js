// The room's page: follows the journal through server-sent events and sends nothing back.
// An update replaces only the blocks of the text that changed; the element under discussion is
// highlighted and scrolled into view as the facilitator moves, unless the reader scrolled away.
"use strict";
(() => {
  const start = JSON.parse(document.getElementById("room-start").textContent);
  const text = document.getElementById("text");
  const focusBox = document.getElementById("focus");
  const activity = document.getElementById("activity");
  const live = document.getElementById("live");
  const following = document.getElementById("following");
  const summary = document.getElementById("summary");
  const trouble = document.getElementById("trouble");
  const followButton = document.getElementById("follow");
  const ACTIVITY_SHOWN = 12;
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)");
  let seq = start.seq;
  let source = null;
  let followRoom = true;
  let focus = start.focus;

  function blockNode(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild || document.createElement("p");
  }

  // Edits are [start, end, new blocks] on the old blocks, in order; applied from the last one so
  // the positions of the earlier ones still hold.
  function applyEdits(edits) {
    const nodes = Array.from(text.children);
    for (let k = edits.length - 1; k >= 0; k--) {
      const [first, end, blocks] = edits[k];
      const after = end < nodes.length ? nodes[end] : null;
      for (let i = first; i < end; i++) nodes[i].remove();
      const fragment = document.createDocumentFragment();
      for (const html of blocks) fragment.append(blockNode(html));
      text.insertBefore(fragment, after);
    }
  }

  function showFocus(next, scroll) {
    for (const node of text.querySelectorAll(".focus, .focus-block")) {
      node.classList.remove("focus", "focus-block");
    }
    focus = next;
    showFollowing(next);
    if (!next) {
      focusBox.innerHTML = start.waiting;
      return;
    }
    focusBox.innerHTML = next.panel;
    for (const id of next.brackets) {
      for (const node of text.querySelectorAll(`[data-id="${CSS.escape(id)}"]`)) node.classList.add("focus");
    }
    if (next.blocks) {
      const blocks = text.children;
      for (let i = next.blocks[0]; i <= next.blocks[1] && i < blocks.length; i++) {
        blocks[i].classList.add("focus-block");
      }
    }
    if (scroll) scrollToFocus();
  }

  // The element's start goes a fifth of the way down the part of the window the text shows: below
  // the header, above the panel where (on a phone) the panel lies over the bottom of the window.
  function scrollToFocus() {
    if (!followRoom || !focus || !focus.blocks) return;
    const target = document.getElementById(`el-${focus.id}`) || text.querySelector(".focus, .focus-block");
    if (!target) return;
    const top = document.querySelector(".room-head").getBoundingClientRect().bottom;
    const panel = document.getElementById("panel").getBoundingClientRect();
    const bottom = panel.top > top && panel.left < window.innerWidth / 2 ? panel.top : window.innerHeight;
    const y = window.scrollY + target.getBoundingClientRect().top - (top + (bottom - top) / 5);
    window.scrollTo({ top: Math.max(0, y), behavior: calm.matches ? "auto" : "smooth" });
  }

  function showFollowing(next) {
    if (!next) {
      following.textContent = "";
      return;
    }
    const others = (start.facilitators || []).filter((name) => name !== next.actor);
    following.textContent = `following ${next.actor}` + (others.length ? ` (also here: ${others.join(", ")})` : "");
  }

  function addActivity(lines, replace) {
    if (replace) activity.replaceChildren();
    for (const line of lines) {
      const item = document.createElement("li");
      item.dataset.seq = line.seq;
      const time = document.createElement("time");
      time.textContent = line.time;
      item.append(time, ` ${line.text}`);
      activity.prepend(item);
    }
    while (activity.children.length > ACTIVITY_SHOWN) activity.lastElementChild.remove();
  }

  function snapshot(data) {
    text.replaceChildren(...data.blocks.map(blockNode));
    summary.innerHTML = data.summary;
    addActivity(data.activity, true);
    start.facilitators = data.facilitators;
    seq = data.seq;
    showFocus(data.focus, true);
  }

  function update(data) {
    if (data.after !== seq) return resync(seq); // a gap: ask for what was missed
    if (data.edits) {
      applyEdits(data.edits);
      summary.innerHTML = data.summary;
      if (text.children.length !== data.count) return resync(null); // should not happen: start afresh
    }
    addActivity(data.activity, false);
    start.facilitators = data.facilitators;
    seq = data.seq;
    showFocus(data.focus, data.moved);
  }

  function setLive(state, words) {
    live.className = `live ${state}`;
    live.textContent = words;
  }

  function connect(since) {
    const query = new URLSearchParams({ room: start.room });
    if (since !== null) query.set("since", since);
    source = new EventSource(`events?${query}`);
    source.addEventListener("open", () => setLive("on", "live"));
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) {
        setLive("off", "disconnected, retrying…");
        setTimeout(() => resync(seq), 2000);
      } else {
        setLive("off", "reconnecting…");
      }
    });
    source.addEventListener("snapshot", (event) => snapshot(JSON.parse(event.data)));
    source.addEventListener("update", (event) => update(JSON.parse(event.data)));
    source.addEventListener("trouble", (event) => {
      const message = JSON.parse(event.data).message;
      trouble.hidden = !message;
      trouble.textContent = message || "";
    });
  }

  function resync(since) {
    if (source) source.close();
    connect(since);
  }

  // The reader scrolling on their own stops following until they ask for it again.
  function readerMoved() {
    if (!followRoom) return;
    followRoom = false;
    followButton.hidden = false;
  }
  window.addEventListener("wheel", readerMoved, { passive: true });
  window.addEventListener("touchmove", readerMoved, { passive: true });
  window.addEventListener("keydown", (event) => {
    if (["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", " "].includes(event.key)) readerMoved();
  });
  followButton.addEventListener("click", () => {
    followRoom = true;
    followButton.hidden = true;
    scrollToFocus();
  });

  // Text size, kept in this browser only.
  const SCALE_KEY = "drafter-room-scale";
  function setScale(scale) {
    const clamped = Math.min(2.5, Math.max(0.7, scale));
    document.documentElement.style.setProperty("--room-scale", clamped.toFixed(2));
    try {
      localStorage.setItem(SCALE_KEY, clamped.toFixed(2));
    } catch (_) {
      // private browsing: the size holds for this page only
    }
    return clamped;
  }
  let scale = 1;
  try {
    scale = Number(localStorage.getItem(SCALE_KEY)) || 1;
  } catch (_) {
    scale = 1;
  }
  scale = setScale(scale);
  document.getElementById("smaller").addEventListener("click", () => (scale = setScale(scale / 1.15)));
  document.getElementById("larger").addEventListener("click", () => (scale = setScale(scale * 1.15)));

  showFocus(focus, true);
  connect(seq);
})();
