//! The page's components, each with its props beside it, and the hooks they share
//! (`shown_choice`, `one_column`, `focus_within`).
//!
//! A component never simulates (results come from the state) and never builds HTML from
//! strings: user text reaches the DOM as text nodes or attributes ([`with_code`]), charts
//! as parsed SVG elements (`svg_view`). The files import each other without circles: what
//! the path view and the step-through both list is `result_ops.rs`'s, and the memory
//! charts are a part of `chart_panel/specs.rs`.

pub mod chart_panel;
pub mod controls;
pub mod course;
pub mod editor;
pub mod focus_after_render;
pub mod focus_within;
pub mod glossary;
pub mod header;
pub mod library;
pub mod one_column;
pub mod paths;
pub mod question_ids;
pub mod questions;
pub mod results;
pub mod scenario_terms;
pub mod shown_choice;
pub mod startup_steps;
pub mod step_through;
pub mod svg_view;
pub mod table;
pub mod timeline;

use yew::{html, Html};

/// A message from sim-core, whose names and units are quoted with backticks as a terminal
/// shows them, with each quoted part in `<code>` instead (text nodes only: no HTML is
/// read from the message).
pub fn with_code(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    // An odd count of backticks leaves the last one as it was written.
    let closed = parts.len() % 2 == 1;
    html! {
        <>
            { for parts.iter().enumerate().map(|(i, part)| {
                if i % 2 == 1 && (closed || i + 1 < parts.len()) {
                    html! { <code>{ part.to_string() }</code> }
                } else if i % 2 == 1 {
                    html! { { format!("`{part}") } }
                } else {
                    html! { { part.to_string() } }
                }
            }) }
        </>
    }
}
