//! A `<select>` that shows the state's choice, whatever the user picked in it before.
//!
//! An `<option selected>` attribute only selects an option the user never picked: once
//! picked, an option is "dirty" and adding or removing the attribute no longer changes
//! what the list shows (HTML's option dirtiness). A list that Yew renders from state
//! (`selected={...}` on its options) would then keep showing an earlier pick after the
//! state moves elsewhere (a library scenario picked, then an assignment step that loads
//! another one). The hook sets the list's value after every render instead.

use yew::prelude::*;

/// A node ref for a `<select>` whose value is set to `value` (an option's `value`; the
/// empty string for a "none" option) after every render.
#[hook]
pub fn use_shown_choice(value: String) -> NodeRef {
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect(move || {
            if let Some(el) = select.cast::<web_sys::HtmlSelectElement>() {
                if el.value() != value {
                    el.set_value(&value);
                }
            }
        });
    }
    select
}
