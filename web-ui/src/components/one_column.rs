//! Whether the page is laid out in one column (phones, tablets, narrow windows), followed
//! as the window changes.
//!
//! The page shows its panels in another order in one column (the results first, then the
//! library, the settings and the editor) than in two (the library, the settings and
//! the editor in the left column, the results on the right). Tab follows the document's
//! order, not the order a style sheet shows things in: the page renders its panels in the
//! order they are shown at the window's width, so that a keyboard moves through the page
//! as it reads (style.css had reordered them with `order`, and Tab went from the
//! assignments through the settings and the editor at the page's bottom before jumping
//! back up to the results). The breakpoint is style.css's ([`ONE_COLUMN`], 900 px), and
//! the focus stays on its element when a panel it is in moves.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// style.css's one-column layout: keep in step with its `@media (max-width: 900px)`.
pub const ONE_COLUMN: &str = "(max-width: 900px)";

fn query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media(ONE_COLUMN).ok().flatten()
}

/// Sets `--jump-bar-h` on `<html>` to the phone bar's height (`#jump-bar`, held at the
/// window's top), which style.css's `scroll-padding-top` leaves free: the bar wraps to two
/// lines on a phone (four links at 390 px, in either language), and a fixed allowance for
/// one line left a step's title scrolled under it after Start (a student reviewer's
/// screenshot). Called before the page scrolls something into view; without the bar the
/// property is removed.
pub fn sync_jump_bar_height() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(html) = document
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let height = document
        .get_element_by_id("jump-bar")
        .map(|bar| bar.get_bounding_client_rect().height())
        .filter(|h| *h > 0.0);
    let style = html.style();
    let _ = match height {
        Some(h) => style.set_property("--jump-bar-h", &format!("{}px", h.ceil())),
        None => style.remove_property("--jump-bar-h").map(|_| ()),
    };
}

/// The element with the focus, if any (not the document's body).
fn focused() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    let active = document.active_element()?;
    if document
        .body()
        .is_some_and(|b| AsRef::<web_sys::Element>::as_ref(&b) == &active)
    {
        return None;
    }
    active.dyn_into().ok()
}

/// True while the window is as narrow as style.css's one-column layout; the component
/// renders again when the window crosses it. A panel moved in the document then takes the
/// focus out of itself (the browser gives it to the page's body): the element that had it
/// gets it back after the move.
#[hook]
pub fn use_one_column() -> bool {
    let one_column = use_state_eq(|| query().is_some_and(|q| q.matches()));
    let had_focus = use_mut_ref(|| None::<web_sys::HtmlElement>);
    {
        let one_column = one_column.clone();
        let had_focus = had_focus.clone();
        use_effect_with((), move |_| {
            let query = query();
            let on_change = query.clone().map(|q| {
                Closure::<dyn Fn()>::new(move || {
                    *had_focus.borrow_mut() = focused();
                    one_column.set(q.matches());
                })
            });
            if let (Some(q), Some(f)) = (&query, &on_change) {
                let _ = q.add_event_listener_with_callback("change", f.as_ref().unchecked_ref());
            }
            move || {
                if let (Some(q), Some(f)) = (&query, &on_change) {
                    let _ =
                        q.remove_event_listener_with_callback("change", f.as_ref().unchecked_ref());
                }
                drop(on_change);
            }
        });
    }
    use_effect_with(*one_column, move |_| {
        if let Some(el) = had_focus.borrow_mut().take() {
            if focused().is_none() && el.is_connected() {
                let _ = el.focus();
            }
        }
    });
    *one_column
}
