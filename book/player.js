// corosim's step-through player for the book: a trace you can walk through, forward and
// back, with the program beside it.
//
// A chapter asks for a player with
//
//     <div class="corosim-player" data-scenario="grouper"></div>
//     <script src="generated/grouper/player.js"></script>
//
// The second line loads the trace data (`corosim book generate` writes it, as a script so
// that the page works from file:// too); this file, loaded on every page, finds each
// player and builds it. Plain DOM, no framework. What a step shows is computed from the
// events up to it, the same events `corosim trace --format jsonl` prints:
//
// * the listing, with the line marked: the exact line where the trace carries `line`
//   events (a program run by corosim's interpreter), otherwise the `def` line of the
//   function whose frame is running (the trace of a built-in program names frames, not
//   lines, and the player does not pretend otherwise: it says "in grouper()");
// * each generator's state (CREATED, RUNNING, SUSPENDED, CLOSED) and each task's (pending,
//   running, waiting on a future, done);
// * the events so far, the current one last.
(function () {
  "use strict";

  // The player's own words, in each language a book is written in (<html lang>).
  var WORDS = {
    en: {
      title: "Step through the trace",
      first: "First step",
      back: "Step back",
      forward: "Step forward",
      last: "Last step",
      step: "step {0} of {1}",
      slider: "Step",
      objects: "Generators and tasks",
      none: "(none yet)",
      events: "Events so far",
      program: "Program",
      inFrame: "in {1}(), defined at line {0}",
      atLine: "line {0}, in {1}",
      timelineAt: "timeline at t={0}",
      timeline: "timeline",
      keys: "Keys: \u2190 \u2192 step, Home/End first/last.",
      missing: "The trace of {0} is missing: run `corosim book generate`.",
      locals: "locals",
    },
    "zh-CN": {
      title: "逐步查看追踪记录",
      first: "第一步",
      back: "后退一步",
      forward: "前进一步",
      last: "最后一步",
      step: "第 {0} 步，共 {1} 步",
      slider: "步数",
      objects: "生成器与任务",
      none: "（暂无）",
      events: "到此为止的事件",
      program: "程序",
      inFrame: "在 {1}() 中（定义在第 {0} 行）",
      atLine: "第 {0} 行，在 {1} 中",
      timelineAt: "时间线（t={0}）",
      timeline: "时间线",
      keys: "按键：\u2190 \u2192 单步，Home/End 跳到开头/结尾。",
      missing: "缺少 {0} 的追踪数据：请运行 `corosim book generate`。",
      locals: "局部变量",
    },
  };
  var lang = (document.documentElement.getAttribute("lang") || "en").indexOf("zh") === 0 ? "zh-CN" : "en";
  function say(key) {
    var text = WORDS[lang][key] || WORDS.en[key];
    for (var i = 1; i < arguments.length; i++) {
      text = text.split("{" + (i - 1) + "}").join(String(arguments[i]));
    }
    return text;
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function button(label, symbol, onClick) {
    var b = el("button", "corosim-btn", symbol);
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", onClick);
    return b;
  }

  // The state of the run after step `upto` (0-based), from the events alone.
  function snapshot(steps, upto) {
    var actors = [];
    var index = {};
    var coroOf = {};
    var frame = null;
    var line = null;
    var locals = null;
    var t = null;
    function set(name, kind, state) {
      if (!(name in index)) {
        index[name] = actors.length;
        actors.push({ name: name, kind: kind, state: state });
      } else {
        actors[index[name]].state = state;
      }
    }
    for (var k = 0; k <= upto; k++) {
      var e = steps[k][1];
      if (typeof e.t === "number") t = e.t;
      switch (e.event) {
        case "state":
          set(e.name, "generator", e.to);
          if (e.to === "RUNNING") frame = e.name;
          break;
        case "resume":
        case "yield":
        case "return":
        case "raise":
          frame = e.name;
          break;
        case "task_created":
          coroOf[e.task] = e.coro;
          set(e.task, "task", "pending");
          break;
        case "task_step":
          set(e.task, "task", "running");
          if (coroOf[e.task]) frame = coroOf[e.task];
          break;
        case "task_suspend":
          set(e.task, "task", e.waits_on ? "waiting on " + e.waits_on : "ready");
          break;
        case "future_done":
          if (e.future in index) set(e.future, "task", e.state);
          break;
        case "line":
          line = e.line;
          frame = e.frame;
          locals = e.locals;
          break;
      }
    }
    return { actors: actors, frame: frame, line: line, locals: locals, t: t };
  }

  // The 1-based line where function `name` is defined, or null.
  function defLine(lines, name) {
    if (!name) return null;
    var bare = name.replace(/\(.*$/, "").split(".").pop();
    var pattern = new RegExp("^\\s*(async\\s+)?def\\s+" + bare.replace(/[^\w]/g, "") + "\\s*\\(");
    for (var i = 0; i < lines.length; i++) {
      if (pattern.test(lines[i])) return i + 1;
    }
    return null;
  }

  function mount(root) {
    var name = root.getAttribute("data-scenario");
    var data = (window.corosimTraces || {})[name];
    if (!data || !data.steps || data.steps.length === 0) {
      root.textContent = say("missing", name);
      return;
    }
    var steps = data.steps;
    var source = data.source.replace(/\n$/, "").split("\n");
    var hasLines = steps.some(function (s) { return s[1].event === "line"; });
    var at = 0;

    root.setAttribute("role", "group");
    root.setAttribute("aria-label", say("title") + ": " + name);
    root.tabIndex = 0;

    var bar = el("div", "corosim-bar");
    var first = button(say("first"), "|\u25C0", function () { go(0); });
    var back = button(say("back"), "\u25C0", function () { go(at - 1); });
    var forward = button(say("forward"), "\u25B6", function () { go(at + 1); });
    var last = button(say("last"), "\u25B6|", function () { go(steps.length - 1); });
    var slider = el("input", "corosim-slider");
    slider.type = "range";
    slider.min = "1";
    slider.max = String(steps.length);
    slider.value = "1";
    slider.setAttribute("aria-label", say("slider"));
    slider.addEventListener("input", function () { go(Number(slider.value) - 1); });
    var counter = el("span", "corosim-counter");
    counter.setAttribute("aria-live", "polite");
    var link = el("a", "corosim-timeline");
    [first, back, forward, last, slider, counter, link].forEach(function (n) { bar.appendChild(n); });

    var now = el("div", "corosim-now");
    var body = el("div", "corosim-body");
    var listingBox = el("div", "corosim-listing");
    var caption = el("div", "corosim-caption");
    var listing = el("pre", "corosim-code");
    listing.setAttribute("aria-label", say("program") + " " + data.program);
    var rows = source.map(function (text, i) {
      var row = el("span", "corosim-line");
      row.setAttribute("data-line", String(i + 1));
      row.appendChild(el("span", "corosim-lineno", String(i + 1).padStart(3, " ") + "  "));
      row.appendChild(document.createTextNode(text + "\n"));
      listing.appendChild(row);
      return row;
    });
    listingBox.appendChild(caption);
    listingBox.appendChild(listing);
    var side = el("div", "corosim-side");
    side.appendChild(el("h4", null, say("objects")));
    var objects = el("table", "corosim-objects");
    side.appendChild(objects);
    var localsBox = el("div", "corosim-locals");
    side.appendChild(localsBox);
    side.appendChild(el("h4", null, say("events")));
    var log = el("ol", "corosim-log");
    side.appendChild(log);
    body.appendChild(listingBox);
    body.appendChild(side);

    root.appendChild(el("div", "corosim-title", say("title") + " \u00B7 " + data.program));
    root.appendChild(bar);
    root.appendChild(now);
    root.appendChild(body);
    root.appendChild(el("div", "corosim-keys", say("keys")));

    function go(k) {
      at = Math.max(0, Math.min(steps.length - 1, k));
      var s = snapshot(steps, at);
      counter.textContent = say("step", at + 1, steps.length);
      slider.value = String(at + 1);
      slider.setAttribute("aria-valuetext", counter.textContent);
      now.textContent = steps[at][0];
      first.disabled = back.disabled = at === 0;
      last.disabled = forward.disabled = at === steps.length - 1;

      var marked = hasLines ? s.line : defLine(source, s.frame);
      rows.forEach(function (row, i) {
        var on = i + 1 === marked;
        row.classList.toggle("corosim-current", on);
        if (on) row.setAttribute("aria-current", "step");
        else row.removeAttribute("aria-current");
      });
      caption.textContent = marked
        ? hasLines ? say("atLine", marked, s.frame) : say("inFrame", marked, String(s.frame).replace(/\(.*$/, ""))
        : data.program;
      if (marked) {
        // Keep the marked line in view inside the listing (without scrolling the page).
        var rr = rows[marked - 1].getBoundingClientRect();
        var lr = listing.getBoundingClientRect();
        if (rr.top < lr.top || rr.bottom > lr.top + listing.clientHeight) {
          listing.scrollTop = Math.max(0, listing.scrollTop + (rr.top - lr.top) - listing.clientHeight / 3);
        }
      }

      objects.textContent = "";
      if (s.actors.length === 0) {
        var empty = objects.insertRow();
        empty.insertCell().textContent = say("none");
      }
      s.actors.forEach(function (a) {
        var tr = objects.insertRow();
        tr.className = "corosim-" + a.kind;
        tr.setAttribute("data-name", a.name);
        tr.insertCell().textContent = a.name;
        var cell = tr.insertCell();
        cell.className = "corosim-state";
        cell.textContent = a.state;
      });

      localsBox.textContent = "";
      if (s.locals && s.locals.length) {
        localsBox.appendChild(el("h4", null, say("locals")));
        s.locals.forEach(function (pair) {
          localsBox.appendChild(el("div", "corosim-local", pair[0] + " = " + pair[1]));
        });
      }

      log.textContent = "";
      var from = Math.max(0, at - 7);
      log.start = from + 1;
      for (var k2 = from; k2 <= at; k2++) {
        var item = el("li", k2 === at ? "corosim-latest" : null, steps[k2][0]);
        log.appendChild(item);
      }

      if (s.t !== null) {
        link.textContent = say("timelineAt", s.t.toFixed(3));
        link.href = "generated/" + name + "/timeline.svg#at-" + s.t.toFixed(3);
      } else {
        link.textContent = say("timeline");
        link.href = "generated/" + name + "/timeline.svg";
      }
      root.setAttribute("data-step", String(at + 1));
    }

    root.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      // The book's own arrow keys turn pages: inside a player they step instead.
      var keys = { ArrowRight: 1, ArrowLeft: -1, Home: "first", End: "last" };
      if (!(e.key in keys)) return;
      e.stopPropagation();
      if (e.target === slider) return; // the slider steps by itself
      e.preventDefault();
      var k = keys[e.key];
      if (k === "first") go(0);
      else if (k === "last") go(steps.length - 1);
      else go(at + k);
    });
    go(0);
  }

  function mountAll() {
    var players = document.querySelectorAll(".corosim-player");
    for (var i = 0; i < players.length; i++) mount(players[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
