//! strata in the browser: a thin yew page over the same core the CLI uses.
//!
//! The page keeps one state ([`state::State`]) changed only by a pure reducer
//! ([`state::Action`]): every edit produces a new [`strata_core::api::RenderRequest`],
//! core renders it, and the view shows the [`strata_core::api::Outcome`] bytes
//! unchanged — the same bytes `strata render` prints. Nothing here parses or
//! merges values, and nothing leaves the page: there is no network, storage
//! or clock access.
//!
//! Layout: [`state`] (state, actions, reducer: pure, tested natively),
//! [`diagnostics`] (splitting `stderr` into positioned items for display),
//! [`example`] (the bundled example), and one component per file under
//! [`components`].

pub mod components;
pub mod diagnostics;
pub mod example;
pub mod state;

/// The wasm entry point: mounts the app into `<main id="app">`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<components::app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<components::app::App>::new().render();
        }
    }
}
