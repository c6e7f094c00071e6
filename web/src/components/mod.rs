//! One component per file, its props beside it.

pub mod app;
pub mod choice;
pub mod diagnostic_list;
pub mod layer_editor;
pub mod output_panel;
pub mod warnings_panel;
