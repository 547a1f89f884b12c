//! Entry point. In the browser (built by Trunk) it mounts the app; natively it only says
//! how to run the app, since the native build exists for tests and tools.

fn main() {
    #[cfg(target_arch = "wasm32")]
    marginalia::ui::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("marginalia runs in the browser: see README.md (scripts/serve.sh).");
}
