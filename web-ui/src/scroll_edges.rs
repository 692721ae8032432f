//! Marks every sideways-scrolling table box (`.scroll`) whose content goes on past its
//! right edge (`data-more-right`), so that style.css fades that edge and writes the
//! attribute's text, "More columns to the right →" in the page's language, above the table:
//! a table clipped at a column border otherwise gives no sign that it scrolls, and its
//! scrollbar is at its bottom, often a screen or more below. [`follow`] keeps the marks
//! as the boxes scroll, resize or change.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The attribute style.css reads.
const MORE_RIGHT: &str = "data-more-right";

/// Whether a box scrolled `scroll_left` pixels, `client_width` wide, has more of its
/// `scroll_width` to the right (a pixel of rounding is no more).
pub fn more_to_the_right(scroll_left: f64, client_width: f64, scroll_width: f64) -> bool {
    scroll_left + client_width < scroll_width - 1.0
}

/// Marks one box by where it stands now (the text in the page's language, which a change of
/// language rewrites: the page's text changes, and every box is marked again).
fn mark(el: &web_sys::Element) {
    let more = more_to_the_right(
        f64::from(el.scroll_left()),
        f64::from(el.client_width()),
        f64::from(el.scroll_width()),
    );
    let text = crate::i18n::t(crate::num::lang(), "table.more_right");
    match (more, el.get_attribute(MORE_RIGHT)) {
        (true, Some(now)) if now == text => {}
        (true, _) => {
            let _ = el.set_attribute(MORE_RIGHT, text);
        }
        (false, Some(_)) => {
            let _ = el.remove_attribute(MORE_RIGHT);
        }
        (false, None) => {}
    }
}

/// Marks every `.scroll` box in the page (after a render: tables come and go, and change
/// width with the window).
pub fn mark_all() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(boxes) = doc.query_selector_all(".scroll") else {
        return;
    };
    for i in 0..boxes.length() {
        if let Some(el) = boxes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            mark(&el);
        }
    }
}

/// The most DOM changes of one burst looked at one by one ([`may_move_edges`]); past it,
/// the boxes are marked again without a look.
const MAX_RECORDS_LOOKED_AT: u32 = 32;

/// Whether a DOM change (a `MutationRecord`) may change where a box's content ends: one
/// inside a box, or one that adds or removes nodes around boxes (a table rendered). Anything
/// not understood counts.
fn may_move_edges(record: &wasm_bindgen::JsValue) -> bool {
    let Some(record) = record.dyn_ref::<web_sys::MutationRecord>() else {
        return true;
    };
    let Some(target) = record.target() else {
        return true;
    };
    let element = match target.dyn_ref::<web_sys::Element>() {
        Some(e) => e.clone(),
        None => match target.parent_element() {
            Some(e) => e,
            None => return true,
        },
    };
    let inside = element.closest(".scroll").ok().flatten().is_some();
    let around =
        record.type_() == "childList" && element.query_selector(".scroll").ok().flatten().is_some();
    inside || around
}

/// Marks a box again as it scrolls (one listener on the document, in the capture phase:
/// scroll events do not bubble), and every box once per frame after the page's content
/// changed (tables rendered, columns shown) or the window's size did. For the page's life:
/// the page never goes away.
pub fn follow() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(doc) = window.document() else {
        return;
    };
    let on_scroll = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        if let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .filter(|el| el.matches(".scroll").unwrap_or(false))
        {
            mark(&el);
        }
    });
    let _ = doc.add_event_listener_with_callback_and_bool(
        "scroll",
        on_scroll.as_ref().unchecked_ref(),
        true,
    );
    on_scroll.forget();
    // Changes come in bursts (a run's progress, a render): one marking per frame.
    let pending = std::rc::Rc::new(std::cell::Cell::new(false));
    let frame = {
        let pending = pending.clone();
        Closure::<dyn Fn()>::new(move || {
            pending.set(false);
            mark_all();
        })
    };
    let later = move || {
        if !pending.replace(true) {
            if let Some(w) = web_sys::window() {
                let _ = w.request_animation_frame(frame.as_ref().unchecked_ref());
            }
        }
    };
    let later = std::rc::Rc::new(later);
    let on_resize = {
        let later = later.clone();
        Closure::<dyn Fn()>::new(move || later())
    };
    let _ = window.add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref());
    on_resize.forget();
    // Only changes that can move a box's edge: reading the boxes' widths makes the browser
    // lay the page out there and then, about 2.5 ms on a results page (2 cores, headless
    // Chromium), which a run's start (its status, a slider's value) would otherwise pay
    // while the workers start simulating.
    let on_change = {
        let later = later.clone();
        Closure::<dyn Fn(js_sys::Array)>::new(move |records: js_sys::Array| {
            // A burst of changes (a large paste into the editor, a table rendered): one
            // marking costs less than a look at each change, each of which may search a
            // subtree (a 222 KB paste's records took 2.2 s of `querySelector`).
            if records.length() > MAX_RECORDS_LOOKED_AT
                || records.iter().any(|r| may_move_edges(&r))
            {
                later();
            }
        })
    };
    if let (Ok(observer), Some(body)) = (
        web_sys::MutationObserver::new(on_change.as_ref().unchecked_ref()),
        doc.body(),
    ) {
        let what = web_sys::MutationObserverInit::new();
        what.set_child_list(true);
        what.set_subtree(true);
        what.set_character_data(true);
        let _ = observer.observe_with_options(&body, &what);
    }
    on_change.forget();
    later();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_box_with_content_past_its_right_edge_has_more() {
        // A 390 px phone box of a 900 px table: more until scrolled to its end.
        assert!(more_to_the_right(0.0, 350.0, 900.0));
        assert!(more_to_the_right(540.0, 350.0, 900.0));
        assert!(!more_to_the_right(550.0, 350.0, 900.0));
        // A table that fits, or is off by a rounded pixel: nothing to scroll to.
        assert!(!more_to_the_right(0.0, 900.0, 900.0));
        assert!(!more_to_the_right(0.0, 899.5, 900.0));
    }
}
