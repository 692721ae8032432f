//! The CodeMirror 6 editor (`dist/editor.js`, which defines `window.VirtsimEditor`)
//! driven from Rust. The page works without it (the editor component keeps its
//! plain textarea), so every call here looks the editor up at run time.
//!
//! `web-ui/editor/editor.js` is bundled with its npm packages (at `package-lock.json`'s
//! versions) into `dist/editor.js` by `scripts/serve.sh`. [`CmEditor`] is a mounted editor;
//! its `set_errors` puts a lint marker at each error the validator listed.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A mounted CodeMirror editor.
pub struct CmEditor {
    handle: JsValue,
    _on_change: Closure<dyn Fn(String)>,
}

fn get(target: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: js_sys::Function = get(target, name)?.dyn_into().ok()?;
    let array: js_sys::Array = args.iter().collect();
    f.apply(target, &array).ok()
}

impl CmEditor {
    /// Mounts the editor into `parent` with `doc`; `on_change` gets every edit's text.
    /// `None` when the page has no `VirtsimEditor` (the textarea stays).
    pub fn mount(
        parent: &web_sys::Element,
        doc: &str,
        label: &str,
        on_change: impl Fn(String) + 'static,
    ) -> Option<CmEditor> {
        let window: JsValue = web_sys::window()?.into();
        let api = get(&window, "VirtsimEditor")?;
        let on_change = Closure::<dyn Fn(String)>::new(on_change);
        let opts = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&opts, &JsValue::from_str(k), v);
        set("doc", &JsValue::from_str(doc)).ok()?;
        set("label", &JsValue::from_str(label)).ok()?;
        set("onChange", on_change.as_ref()).ok()?;
        let handle = call(&api, "mount", &[parent.clone().into(), opts.into()])?;
        Some(CmEditor {
            handle,
            _on_change: on_change,
        })
    }

    /// Replaces the text (no change event) when it differs.
    pub fn set_text(&self, text: &str) {
        call(&self.handle, "setText", &[JsValue::from_str(text)]);
    }

    pub fn set_label(&self, label: &str) {
        call(&self.handle, "setLabel", &[JsValue::from_str(label)]);
    }

    /// Marks each of the validator's errors at its (line, column) with its message; an
    /// empty list clears the markers.
    pub fn set_errors(&self, errors: &[(usize, usize, String)]) {
        let list: js_sys::Array = errors
            .iter()
            .map(|(line, column, message)| {
                let one = js_sys::Array::new();
                one.push(&JsValue::from_f64(*line as f64));
                one.push(&JsValue::from_f64(*column as f64));
                one.push(&JsValue::from_str(message));
                JsValue::from(one)
            })
            .collect();
        call(&self.handle, "setErrors", &[list.into()]);
    }

    /// Puts the cursor at (line, column) and scrolls it into view, gutter and all.
    pub fn goto(&self, line: usize, column: usize) {
        call(
            &self.handle,
            "goto",
            &[
                JsValue::from_f64(line as f64),
                JsValue::from_f64(column as f64),
            ],
        );
    }
}

impl CmEditor {
    /// Has CodeMirror measure its lines again, wherever the editor is (`layOut` in
    /// editor.js: CodeMirror's own `requestMeasure` skips an editor outside the window):
    /// after the page changes how they lay out (wrapping on or off), which CodeMirror does
    /// not see by itself.
    pub fn remeasure(&self) {
        call(&self.handle, "layOut", &[]);
    }
}

impl Drop for CmEditor {
    fn drop(&mut self) {
        call(&self.handle, "destroy", &[]);
    }
}
