// The scenario editor of the virtsim page: CodeMirror 6 with TOML highlighting,
// each of the validator's errors as a lint marker at its line and column, completion of
// keys and values from docs/scenario.schema.json, and hover help for keys.
// Bundled at build time (scripts/serve.sh) into dist/editor.js, which defines
// window.VirtsimEditor; the Yew editor component mounts it when present and keeps
// its plain textarea otherwise. Text always goes in as text (no HTML).
import { EditorState, Compartment } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, hoverTooltip,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentMore, indentLess } from '@codemirror/commands';
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching } from '@codemirror/language';
import { toml } from './toml-mode.js';
import { linter, lintGutter, setDiagnostics } from '@codemirror/lint';
import { autocompletion, completionKeymap, closeBrackets } from '@codemirror/autocomplete';
import { searchKeymap } from '@codemirror/search';
import schema from '../../docs/scenario.schema.json';
import formatDoc from '../../docs/scenario-format.md';

// --- docs/scenario-format.md: its per-section tables of keys --------------------------
// "## `[host]`" then rows "| `key` | type | default | meaning |".
const docKeys = (() => {
  const out = {};
  let section = null;
  for (const line of formatDoc.split('\n')) {
    const h = /^##\s+`\[\[?([a-z_.]+)\]\]?`/.exec(line);
    if (h) { section = h[1]; out[section] = {}; continue; }
    if (/^##\s/.test(line)) { section = null; continue; }
    const row = /^\|\s*`([a-z0-9_.]+)`\s*\|([^|]*)\|([^|]*)\|(.*)\|\s*$/.exec(line);
    if (section && row) {
      const clean = (t) => t.trim().replace(/`/g, '');
      out[section][row[1]] = { type: clean(row[2]), dflt: clean(row[3]), meaning: clean(row[4]) };
    }
  }
  return out;
})();

/** The format document's row for `key` under the table at `path`. */
function docOf(path, key) {
  const section = docKeys[path[0]];
  if (!section) return null;
  const dotted = [...path.slice(1), ...splitKey(key)].join('.');
  return section[dotted] || section[splitKey(key).join('.')] || null;
}

// --- the schema ------------------------------------------------------------------
function resolve(node) {
  let n = node;
  for (let i = 0; n && i < 8; i++) {
    if (n.$ref) { n = schema.$defs[n.$ref.replace('#/$defs/', '')]; continue; }
    if (n.anyOf) { n = n.anyOf.find((x) => x.type !== 'null') || n.anyOf[0]; continue; }
    if (n.type === 'array' && n.items) { n = n.items; continue; }
    if (Array.isArray(n.type) && n.type.includes('array') && n.items) { n = n.items; continue; }
    break;
  }
  return n || {};
}

/** The schema node of a table path such as ["host", "disk"] or ["platform"]. */
function tableNode(path) {
  let n = resolve(schema);
  for (const part of path) {
    const props = n.properties || {};
    if (!props[part]) return null;
    n = resolve(props[part]);
  }
  return n;
}

/** The value words a field accepts (enum, const alternatives, booleans). */
function valuesOf(field) {
  const out = [];
  const visit = (n, depth) => {
    if (!n || depth > 6) return;
    if (n.$ref) return visit(schema.$defs[n.$ref.replace('#/$defs/', '')], depth + 1);
    if (n.enum) n.enum.forEach((v) => typeof v === 'string' && out.push({ v, d: n.description }));
    if (n.const !== undefined && typeof n.const === 'string') out.push({ v: n.const, d: n.description });
    (n.oneOf || []).forEach((x) => visit(x, depth + 1));
    (n.anyOf || []).forEach((x) => visit(x, depth + 1));
    if (n.type === 'boolean') out.push({ v: 'true' }, { v: 'false' });
    if (n.items) visit(n.items, depth + 1);
  };
  visit(field, 0);
  return out;
}

function describe(field) {
  if (!field) return '';
  let d = field.description || '';
  if (!d && field.$ref) d = (schema.$defs[field.$ref.replace('#/$defs/', '')] || {}).description || '';
  return d;
}

/** The table a line belongs to: the last [table] or [[table]] header above it. */
function tableAt(doc, lineNumber) {
  for (let n = lineNumber; n >= 1; n--) {
    const m = /^\s*\[\[?\s*([A-Za-z0-9_.\s"-]+?)\s*\]\]?/.exec(doc.line(n).text);
    if (m) return m[1].split('.').map((s) => s.trim().replace(/"/g, ''));
  }
  return [];
}

function splitKey(key) {
  return key.split('.').map((s) => s.trim().replace(/"/g, '')).filter(Boolean);
}

/** Field of `key` (dotted keys allowed) under the table at `path`. */
function fieldOf(path, key) {
  const parts = splitKey(key);
  const node = tableNode(path.concat(parts.slice(0, -1)));
  if (!node || !node.properties) return null;
  return node.properties[parts[parts.length - 1]] || null;
}

// --- completion ------------------------------------------------------------------
function complete(ctx) {
  const line = ctx.state.doc.lineAt(ctx.pos);
  const before = line.text.slice(0, ctx.pos - line.from);
  // Table headers: [host], [[platform]], ...
  const header = /^\s*\[\[?([A-Za-z0-9_.]*)$/.exec(before);
  if (header) {
    const word = header[1];
    const from = ctx.pos - word.length;
    const top = resolve(schema).properties || {};
    const options = [];
    for (const [name, f] of Object.entries(top)) {
      const node = resolve(f);
      if (node.properties) options.push({ label: name, type: 'namespace', info: describe(f) });
      for (const [sub, sf] of Object.entries(node.properties || {})) {
        if (resolve(sf).properties && sub !== 'label') options.push({ label: `${name}.${sub}`, type: 'namespace', info: describe(sf) });
      }
    }
    return { from, options, validFor: /^[A-Za-z0-9_.]*$/ };
  }
  const path = tableAt(ctx.state.doc, line.number);
  // Values: key = "wor|
  const value = /^\s*([A-Za-z0-9_."-]+)\s*=\s*(\[\s*)?("?)([A-Za-z0-9_-]*)$/.exec(before);
  if (value) {
    const field = fieldOf(path, value[1]);
    const values = valuesOf(field);
    if (!values.length) return null;
    const quoted = value[3] === '"';
    const from = ctx.pos - value[4].length - (quoted ? 1 : 0);
    return {
      from,
      options: values.map(({ v, d }) => ({
        label: v === 'true' || v === 'false' ? v : `"${v}"`,
        displayLabel: v, type: 'enum', info: d || undefined,
      })),
    };
  }
  // Keys at the start of a line.
  const key = /^\s*([A-Za-z0-9_]*)$/.exec(before);
  if (key && (key[1] || ctx.explicit)) {
    const node = tableNode(path);
    if (!node || !node.properties) return null;
    const present = new Set();
    return {
      from: ctx.pos - key[1].length,
      options: Object.entries(node.properties)
        .filter(([name]) => !present.has(name))
        .map(([name, f]) => ({ label: name, type: 'property', info: describe(f), apply: `${name} = ` })),
      validFor: /^[A-Za-z0-9_]*$/,
    };
  }
  return null;
}

// --- hover help ------------------------------------------------------------------
const hover = hoverTooltip((view, pos) => {
  const line = view.state.doc.lineAt(pos);
  const m = /^(\s*)([A-Za-z0-9_."-]+)(\s*)=/.exec(line.text);
  if (!m) return null;
  const start = line.from + m[1].length;
  const end = start + m[2].length;
  if (pos < start || pos > end) return null;
  const path = tableAt(view.state.doc, line.number);
  const field = fieldOf(path, m[2]);
  const doc = docOf(path, m[2]);
  if (!field && !doc) return null;
  const words = field ? valuesOf(field).map((x) => x.v) : [];
  return {
    pos: start, end,
    create() {
      const dom = document.createElement('div');
      dom.className = 'cm-help';
      const title = document.createElement('strong');
      title.textContent = m[2];
      dom.appendChild(title);
      const p = document.createElement('p');
      p.textContent = (doc && doc.meaning) || describe(field) || '—';
      dom.appendChild(p);
      if (doc) {
        const t = document.createElement('p');
        t.className = 'cm-help-values';
        t.textContent = `${doc.type} · default ${doc.dflt}`;
        dom.appendChild(t);
      }
      if (words.length) {
        const v = document.createElement('p');
        v.className = 'cm-help-values';
        v.textContent = words.join(' · ');
        dom.appendChild(v);
      }
      if (!doc && field && field.default !== undefined && field.default !== null && typeof field.default !== 'object') {
        const dflt = document.createElement('p');
        dflt.className = 'cm-help-values';
        dflt.textContent = `= ${JSON.stringify(field.default)}`;
        dom.appendChild(dflt);
      }
      return { dom };
    },
  };
});

// --- the editor ------------------------------------------------------------------
function mount(parent, opts) {
  // Tab and Shift-Tab move on past the editor, as past any other field, until the user
  // starts editing: a click into it, a change typed, or "Go to the error" (`goto`). From
  // then on Tab indents (Esc, then Tab leaves: CodeMirror's tab focus mode), until the
  // focus comes back from elsewhere on the page. A keyboard passing through the page
  // used to be caught here, every further Tab indenting the scenario (a student's review:
  // the scenario became "edited" and its results stale).
  let editing = false;
  // The next focus is the user's choice to edit (a click, "Go to the error"), not a pass.
  let intent = false;
  const tab = {
    key: 'Tab',
    run: (v) => editing && indentMore(v),
    shift: (v) => editing && indentLess(v),
  };
  const label = new Compartment();
  const labelled = (text) => EditorView.contentAttributes.of({ 'aria-label': text, id: 'scenario-cm', 'aria-describedby': 'editor-keys' });
  let labelText = opts.label || 'editor';
  // The validator's errors shown now, as `setErrors` got them ([line, column, message]).
  let shownErrors = [];
  const language = StreamLanguage.define(toml);
  // One line height in pixels for the text and the gutters (line numbers, error
  // marker), whatever font a line's characters come from (Hangul in a fallback font).
  const lineHeight = EditorView.theme({ '.cm-scroller': { lineHeight: '19.5px' } });
  // The editor's extensions, for its first state and each new text's (`setText`).
  const extensions = () => [
    lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(),
    history(), bracketMatching(), closeBrackets(),
    language, syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    lintGutter(), linter(null),
    lineHeight,
    autocompletion({ override: [complete], activateOnTyping: true }),
    hover,
    keymap.of([...completionKeymap, ...searchKeymap, ...historyKeymap, tab, ...defaultKeymap]),
    // Tab indents only while editing: the page's hint `#editor-keys` says so.
    label.of(labelled(labelText)),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) {
        editing = true;
        if (opts.onChange) opts.onChange(u.state.doc.toString());
      }
    }),
  ];
  const view = new EditorView({
    parent,
    state: EditorState.create({ doc: opts.doc || '', extensions: extensions() }),
  });
  parent.virtsimView = view;
  view.dom.addEventListener('mousedown', () => { intent = true; editing = true; }, true);
  view.contentDOM.addEventListener('focus', (e) => {
    const from = e.relatedTarget;
    const chosen = intent;
    intent = false;
    // Back from another window or tab (no element before it): as it was.
    if (chosen || !from || view.dom.contains(from)) return;
    editing = false;
    // Arrived by the keyboard: the hint on Tab (above the editor) and the editor's first
    // lines in view, not only its edge at the window's bottom.
    requestAnimationFrame(() => showWithHint(parent));
  });
  view.contentDOM.addEventListener('blur', () => { intent = false; });
  // CodeMirror lays the gutter's numbers (and the error marker) out from its height map,
  // while the browser lays out the text lines as they are: until CodeMirror has measured
  // the lines, the map holds its guesses (14 px a line, no wrapping) and each number drifts
  // further from its line (at 1440x900 the first scenario's `[scenario]`, line 4, stood
  // beside the 9). It measures in a frame after `requestMeasure`, but skips an editor
  // outside the window (below the fold, as this one is at first open and when the library
  // above it picks another scenario), waiting for it to scroll into view: the page showed
  // the guesses until then, and for a frame or two after (a reviewer saw them right only
  // after a click). A scroll target makes that measure run wherever the editor is; a
  // snapshot of the editor's own scroll position is one that moves nothing (not the
  // page, not the editor: CodeMirror's `scrollSnapshot` only touches its own scroller).
  // Laid out again: when the host is shown (the page mounts the editor in a hidden host)
  // or resized (the window, "Wide editor", the page's language), after a new text (a new
  // state starts from the guesses), after "Wrap long lines" (`layOut` from the page) and
  // when a font finishes loading (Hangul from a fallback font, a web font). In the next
  // frame, once for all of them: there the page's render is laid out already (the snapshot
  // reads the editor's scroll position, which would force that layout inside the task of a
  // scenario switch), and CodeMirror measures in the frame after. Never while the host is
  // hidden: CodeMirror would measure every line 0 px tall.
  let destroyed = false;
  let layOutFrame = 0;
  const measurable = () => !destroyed && parent.isConnected && parent.offsetHeight > 0;
  const layOut = () => {
    if (layOutFrame || destroyed) return;
    layOutFrame = requestAnimationFrame(() => {
      layOutFrame = 0;
      if (!measurable()) return;
      view.dispatch({ effects: view.scrollSnapshot() });
    });
  };
  if (typeof ResizeObserver === 'function') {
    const sized = new ResizeObserver(() => layOut());
    sized.observe(parent);
    view.virtsimSized = sized;
  }
  if (document.fonts) {
    document.fonts.ready.then(layOut);
    document.fonts.addEventListener('loadingdone', layOut);
  }
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      if (text === view.state.doc.toString()) return;
      // A text from elsewhere (a library pick, an opened file, a share link) is a new
      // document: a new state, cursor at the start, its own undo history. Not a
      // transaction: CodeMirror's update reads the page's selection back, which forces
      // the layout of everything the page's render just changed inside this task (20-40
      // ms of a scenario switch's 55 ms task, a Chrome trace of 2026-12-04), where the
      // browser would lay it out in its next frame anyway. No scrollIntoView: it scrolls
      // the page, not only the editor, to the editor (a phone left on the editor after an
      // assignment's Start or Next); its own top is enough.
      view.setState(EditorState.create({ doc: text, extensions: extensions() }));
      view.scrollDOM.scrollTop = 0;
      layOut();
      // The page sets the errors again only when they change: ones equal to the last
      // text's (another file wrong in the same places) are marked on this text.
      if (shownErrors.length) this.setErrors(shownErrors);
    },
    /** Has CodeMirror lay its lines out anew, wherever the editor is: after the page
     * changed how they lay out (wrapping on or off, the wide editor), which CodeMirror does
     * not see. Its height map starts again from the state as a new text's does (a measure
     * alone kept the wide layout's heights below the fold, in one e2e run of three: the
     * numbers beside the wrong lines until a click), the scroll position kept. */
    layOut() {
      if (measurable()) {
        const at = view.scrollSnapshot();
        view.setState(view.state);
        view.dispatch({ effects: at });
      }
      layOut();
    },
    setLabel(text) {
      labelText = text;
      view.dispatch({ effects: label.reconfigure(labelled(text)) });
    },
    /** Marks each of the validator's errors, [line, column, message] with line and column
     * 1-based, at its place; an empty list clears the markers. */
    setErrors(errors) {
      shownErrors = errors || [];
      const doc = view.state.doc;
      const marks = shownErrors.map(([line, column, message]) => {
        const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
        const from = l.from + unitsBefore(l.text, column);
        const to = from < l.to ? from + (l.text.codePointAt(from - l.from) > 0xffff ? 2 : 1) : from;
        return { from, to, severity: 'error', message };
      });
      view.dispatch(setDiagnostics(view.state, marks));
    },
    /** Moves the cursor to (line, column) and scrolls it, gutter and all, into view. */
    goto(line, column) {
      const doc = view.state.doc;
      const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
      const at = l.from + unitsBefore(l.text, column);
      // The character at the error, whole: an emoji is two UTF-16 units (as in setErrors).
      const head = at < l.to ? at + (l.text.codePointAt(at - l.from) > 0xffff ? 2 : 1) : at;
      view.dispatch({ selection: { anchor: at, head }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      // Sent to the error to fix it: editing (Tab indents).
      intent = true;
      editing = true;
      view.focus();
    },
    destroy() {
      destroyed = true;
      if (layOutFrame) cancelAnimationFrame(layOutFrame);
      if (view.virtsimSized) view.virtsimSized.disconnect();
      if (document.fonts) document.fonts.removeEventListener('loadingdone', layOut);
      view.destroy();
    },
  };
}

/** Scrolls the window so that the page's hint on Tab (`#editor-keys`, above the editor) and
 * at least the editor's first lines are in view; nothing when they are. */
function showWithHint(parent) {
  const hint = document.getElementById('editor-keys');
  const top = (hint && !hint.hidden ? hint : parent).getBoundingClientRect().top - 8;
  const box = parent.getBoundingClientRect();
  // The editor's first 160 px (about eight lines), or all of it when shorter.
  const bottom = Math.min(box.bottom, box.top + 160) + 8;
  const height = window.innerHeight;
  let by = 0;
  if (top < 0) by = top;
  else if (bottom > height) by = Math.min(bottom - height, top);
  if (by !== 0) window.scrollBy({ top: by, behavior: 'instant' });
}

/** The UTF-16 units (CodeMirror's positions) before 1-based `column` of `text`: the
 * validator counts characters, so an emoji before the error is one column, two units. */
function unitsBefore(text, column) {
  let units = 0;
  let chars = 0;
  for (const ch of text) {
    if (chars >= column - 1) break;
    units += ch.length;
    chars += 1;
  }
  return units;
}

window.VirtsimEditor = {
  mount,
  /** The first line shown at the top of the editor, for the browser tests. */
  firstVisibleLine(parent) {
    const view = parent.virtsimView;
    const top = view.scrollDOM.getBoundingClientRect().top;
    const block = view.lineBlockAtHeight(top - view.documentTop + 1);
    return view.state.doc.lineAt(block.from).number;
  },
};
