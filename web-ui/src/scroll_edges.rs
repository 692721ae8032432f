//! Marks every sideways-scrolling table box (`.scroll`) whose content goes on past its
//! right edge (`data-more-right`), so that style.css fades that edge and writes the
//! attribute's text, "More columns to the right →" in the page's language, above the table:
//! a table clipped at a column border otherwise gives no sign that it scrolls, and its
//! scrollbar is at its bottom, often a screen or more below. [`follow`] keeps the marks
//! as the boxes scroll, resize or change.
//!
//! Before it marks, it fits the measured table (`table#measured`) to the results column
//! (`.main`, [`fit_measured_table`]): where the table with every column is wider than its
//! box, `.main` gets `data-measured-main` and style.css keeps the table to its main
//! columns, with "Show every column" above it. The desktop tables likewise
//! ([`fit_desktop_tables`]): where one is wider than its box as a table, its box gets
//! `data-as-list` and style.css lists each platform's figures under its name.

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

/// The attribute on `.main` that keeps the measured table to its main columns (style.css).
const MAIN_COLUMNS: &str = "data-measured-main";

/// Whether a table `full` pixels wide with every column shows them all in a box
/// `box_width` wide (a pixel of rounding fits).
pub fn every_column_fits(full: f64, box_width: f64) -> bool {
    full <= box_width + 1.0
}

thread_local! {
    /// The measured table's width with every column, and the results column's width less
    /// the table's box, when it was last in view: while another tab is shown, a change of
    /// the window's width is judged by them (the Questions tab's "Show every column first").
    static LAST_FIT: std::cell::Cell<Option<(f64, f64)>> = const { std::cell::Cell::new(None) };
}

/// Keeps the measured table to its main columns wherever every column would not fit its
/// box. A fixed width (a container query at 880 px of results column) was right for some
/// scenarios only: the table's width goes with the scenario's platform names, the language
/// and the fonts, from about 800 to 920 px, and at 1366 px windows twelve scenarios' tables
/// went up to 36 px past the edge while others fitted with room to spare. The table is
/// measured with every column shown (the attribute taken off, in the same frame, before the
/// page is painted: nothing flickers), and the attribute put back if it is too wide.
fn fit_measured_table(doc: &web_sys::Document) {
    let Some(main) = doc.query_selector(".main").ok().flatten() else {
        return;
    };
    let scroll = doc
        .query_selector("table#measured")
        .ok()
        .flatten()
        .and_then(|t| t.closest(".scroll").ok().flatten())
        .filter(|b| b.client_width() > 0);
    let main_width = f64::from(main.client_width());
    let fits = match scroll {
        Some(b) => {
            if main.has_attribute(MAIN_COLUMNS) {
                let _ = main.remove_attribute(MAIN_COLUMNS);
            }
            let (full, box_width) = (f64::from(b.scroll_width()), f64::from(b.client_width()));
            LAST_FIT.with(|f| f.set(Some((full, main_width - box_width))));
            every_column_fits(full, box_width)
        }
        // Not in view (another tab): as it was last seen, in today's width.
        None => match LAST_FIT.with(|f| f.get()) {
            Some((full, around)) if main_width > 0.0 => {
                every_column_fits(full, main_width - around)
            }
            _ => return,
        },
    };
    match (fits, main.has_attribute(MAIN_COLUMNS)) {
        (false, false) => {
            let _ = main.set_attribute(MAIN_COLUMNS, "");
        }
        (true, true) => {
            let _ = main.remove_attribute(MAIN_COLUMNS);
        }
        _ => {}
    }
}

/// The attribute on a desktop table's box that lists the table (style.css).
const AS_LIST: &str = "data-as-list";

/// The desktop tables (`table#desktop`, `table#desktop-cpu`), each a table where it fits its
/// box and a list under each platform's name where it does not. A fixed cut-off (a container
/// query at 940 px of results column) listed them wherever the sessions' twelve columns did
/// not fit, the CPU split's six too, and its width was right for one scenario's names in
/// one language only. Each is measured as a table (the attribute taken off, in the same
/// frame, before the page is painted) and the attribute put back if it is too wide. Only
/// the tab in view has them: a tab shown again is rendered, and fitted, anew.
fn fit_desktop_tables(doc: &web_sys::Document) {
    for selector in ["table#desktop", "table#desktop-cpu"] {
        let Some(b) = doc
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|t| t.closest(".scroll").ok().flatten())
        else {
            continue;
        };
        let listed = b.has_attribute(AS_LIST);
        if listed {
            let _ = b.remove_attribute(AS_LIST);
        }
        if b.client_width() == 0 {
            continue;
        }
        let fits = every_column_fits(f64::from(b.scroll_width()), f64::from(b.client_width()));
        if !fits {
            let _ = b.set_attribute(AS_LIST, "");
        }
    }
}

/// Marks every `.scroll` box in the page (after a render: tables come and go, and change
/// width with the window), after fitting the measured table ([`fit_measured_table`]) and
/// the desktop tables ([`fit_desktop_tables`]).
pub fn mark_all() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    fit_measured_table(&doc);
    fit_desktop_tables(&doc);
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

    #[test]
    fn every_column_fits_only_a_table_no_wider_than_its_box() {
        // 1366 px: a 918 px table in an 882 px box keeps its main columns.
        assert!(!every_column_fits(918.0, 882.0));
        assert!(every_column_fits(860.0, 882.0));
        assert!(every_column_fits(882.5, 882.0), "a rounded pixel");
        assert!(!every_column_fits(884.0, 882.0));
    }
}
