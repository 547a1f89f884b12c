//! Entry point of the suggestion worker: Trunk builds it as the app's Web Worker
//! (index.html), where it answers the page's requests for suggestions
//! (`glue::suggest_worker`). Natively there is nothing for it to do.

fn main() {
    #[cfg(target_arch = "wasm32")]
    marginalia::glue::suggest_worker::serve();
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!("marginalia-worker runs only in the browser, as the app's Web Worker");
        std::process::exit(2);
    }
}
