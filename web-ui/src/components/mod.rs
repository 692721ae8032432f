//! The page's components, each with its props beside it.

pub mod chart_panel;
pub mod controls;
pub mod course;
pub mod editor;
pub mod header;
pub mod library;
pub mod memory_charts;
pub mod paths;
pub mod questions;
pub mod results;
pub mod shown_choice;
pub mod step_through;
pub mod svg_view;
pub mod table;
pub mod timeline;
