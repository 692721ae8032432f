//! Whether the keyboard focus is inside an element, for a live region that answers the
//! user's own moves in a widget (the step-through's phase, the timeline's range).
//!
//! Such a region also changed, and was read out, when a re-run elsewhere changed its
//! figures: each arrow key of a slider said the step-through's "So far 121 / total 12,949
//! cycles" or the timeline's range again (a keyboard user's review). Its `aria-live` is
//! "polite" while the focus is inside the widget and "off" otherwise. The attribute changes
//! when the focus moves, apart from the text, which changes afterwards (Next, a zoom).

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The reference and handlers to put on the widget's element, and the `aria-live` value
/// for its region.
pub struct FocusWithin {
    pub node: NodeRef,
    pub onfocusin: Callback<FocusEvent>,
    pub onfocusout: Callback<FocusEvent>,
    /// "polite" while the focus is inside, "off" otherwise.
    pub live: &'static str,
}

/// Tracks the focus inside the element that gets `node`, `onfocusin` and `onfocusout`.
#[hook]
pub fn use_focus_within() -> FocusWithin {
    let node = use_node_ref();
    let inside = use_state_eq(|| false);
    let onfocusin = {
        let inside = inside.clone();
        Callback::from(move |_: FocusEvent| inside.set(true))
    };
    let onfocusout = {
        let (inside, node) = (inside.clone(), node.clone());
        Callback::from(move |e: FocusEvent| {
            // Moving from one of its controls to another stays inside. (Yew delegates its
            // events to the page's root: the event's current target is not the widget.)
            let to = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let within = node
                .get()
                .zip(to)
                .is_some_and(|(widget, to)| widget.contains(Some(&to)));
            if !within {
                inside.set(false);
            }
        })
    };
    FocusWithin {
        node,
        onfocusin,
        onfocusout,
        live: if *inside { "polite" } else { "off" },
    }
}
