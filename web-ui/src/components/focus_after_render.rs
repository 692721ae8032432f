//! Moving the keyboard focus to an element the next render draws or keeps: an answer box
//! asked again (not a number) gets the focus back once the page has drawn its note, so
//! that it can be corrected at once (the Questions tab and an assignment's answers alike);
//! "Another student" puts it in the student id box the same render draws.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

/// The id to focus after the next render: set by a press, taken (and focused with `focus`)
/// by the effect that runs once the page has drawn what the press changed.
#[hook]
pub fn use_focus_after_render(focus: fn(&str)) -> Rc<RefCell<Option<String>>> {
    let pending = use_mut_ref(|| None::<String>);
    {
        let pending = pending.clone();
        use_effect(move || {
            let id = pending.borrow_mut().take();
            if let Some(id) = id {
                focus(&id);
            }
        });
    }
    pending
}
