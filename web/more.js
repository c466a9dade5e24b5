// more.js — the toolbar's "More ▾" menu. On a narrow window the header's
// less used tools (class ovf1 / ovf2 / ovf3 in index.html, hidden by
// style.css's width steps) leave the row, so that the header keeps one row
// (two at 800 px) and never widens the page; this menu lists exactly the
// tools the toolbar hides at the moment it opens, each item clicking the
// real button: one handler per tool, whichever way it is reached. Loaded on
// the first click on More (app.js openMore: lazyModule), off the page's
// first download.

const $ = id => document.getElementById(id);

export class MoreMenu {
  bind() {
    this.btn = $("btn-more");
    this.menu = $("more-menu");
    // the button's click is app.js's (openMore), which loaded this module
    // The menu's keys are its own: stopped here, before the page's hotkeys
    // (a digit or a letter on a menu item would label the selection).
    this.menu.addEventListener("keydown", e => this.onKey(e));
    document.addEventListener("mousedown", e => {
      if (!this.menu.hidden && !e.target.closest("#more-menu, #btn-more")) this.toggle(false);
    });
    // a resize can bring the tools back: the open list would be stale
    addEventListener("resize", () => { if (!this.menu.hidden) this.toggle(false); });
  }

  /** The toolbar's buttons hidden by the width steps now (not those hidden for good, like Import in the lite file). */
  hiddenTools() {
    const out = [];
    for (const el of document.querySelectorAll(".tools .ovf1, .tools .ovf2, .tools .ovf3")) {
      if (el.hidden || el.getClientRects().length) continue;
      for (const b of el.matches("button") ? [el] : el.querySelectorAll("button")) {
        if (!b.hidden) out.push(b);
      }
    }
    return out;
  }

  render() {
    const items = this.hiddenTools().map(b => {
      const item = document.createElement("button");
      item.type = "button";
      item.className = "menu-item";
      item.setAttribute("role", "menuitem");
      item.tabIndex = -1;
      item.dataset.for = b.id;
      item.textContent = b.dataset.moreLabel || (b.classList.contains("icon") && b.getAttribute("aria-label")) || b.textContent.trim();
      if (b.title) item.title = b.title;
      item.disabled = b.disabled;
      item.addEventListener("click", () => { this.toggle(false, true); b.click(); });
      return item;
    });
    this.menu.replaceChildren(...items);
    return items.length;
  }

  /** Open (show true), close (false) or toggle the menu; quiet: leave the focus where the item's action puts it. */
  toggle(show, quiet) {
    show ??= this.menu.hidden;
    if (show && !this.render()) show = false;
    this.menu.hidden = !show;
    this.btn.setAttribute("aria-expanded", String(show));
    if (show) {
      // right-aligned under the button unless that would leave the window
      this.menu.classList.toggle("menu-left", this.btn.getBoundingClientRect().right < this.menu.offsetWidth + 8);
      this.menu.querySelector(".menu-item:not(:disabled)")?.focus();
    } else if (!quiet && this.menu.contains(document.activeElement)) {
      this.btn.focus();
    }
  }

  onKey(e) {
    e.stopPropagation();
    const items = [...this.menu.querySelectorAll(".menu-item:not(:disabled)")];
    const i = items.indexOf(document.activeElement);
    let j = -1;
    if (e.key === "ArrowDown") j = (i + 1) % items.length;
    else if (e.key === "ArrowUp") j = (i - 1 + items.length) % items.length;
    else if (e.key === "Home") j = 0;
    else if (e.key === "End") j = items.length - 1;
    else if (e.key === "Escape") { e.preventDefault(); this.toggle(false); return; }
    else if (e.key === "Tab") { this.toggle(false); return; }
    if (j >= 0) { e.preventDefault(); items[j].focus(); }
  }
}
